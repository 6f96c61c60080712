/** The devices the page's repair reports mention. */
export const devices = [
  { brand: 'apple', model: 'iPhone 7', slug: 'iphone-7', releaseYear: 2016, aliases: ['アイフォン7'] },
  { brand: 'apple', model: 'iPhone 8', slug: 'iphone-8', releaseYear: 2017, aliases: ['アイフォン8'] },
  { brand: 'apple', model: 'iPhone X', slug: 'iphone-x', releaseYear: 2017, aliases: ['iPhone 10', 'アイフォンテン'] },
]

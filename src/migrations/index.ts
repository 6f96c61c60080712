import * as migration_20261125_140916_initial from './20261125_140916_initial';

export const migrations = [
  {
    up: migration_20261125_140916_initial.up,
    down: migration_20261125_140916_initial.down,
    name: '20261125_140916_initial'
  },
];

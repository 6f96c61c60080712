import { accessMatrix } from './matrix'

/** Every cell of the role × collection × operation × store matrix over GraphQL. */
accessMatrix('GraphQL')

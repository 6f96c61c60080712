import * as migration_20261125_140157_initial from './20261125_140157_initial';

export const migrations = [
  {
    up: migration_20261125_140157_initial.up,
    down: migration_20261125_140157_initial.down,
    name: '20261125_140157_initial'
  },
];

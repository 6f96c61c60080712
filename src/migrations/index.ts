import * as migration_20261125_134647_initial from './20261125_134647_initial';

export const migrations = [
  {
    up: migration_20261125_134647_initial.up,
    down: migration_20261125_134647_initial.down,
    name: '20261125_134647_initial'
  },
];

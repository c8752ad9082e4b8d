pub const N_NODES_ON_STACK: usize = 32usize;
pub const N_VARS_ON_STACK: usize = 16usize;
pub const N_UNARYOPS_OF_DEEPEX_ON_STACK: usize = 16usize;
pub const N_BINOPS_OF_DEEPEX_ON_STACK: usize = 16usize;

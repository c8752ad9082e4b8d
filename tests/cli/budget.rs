//! Every accepted input has a bounded cost: what is over the budget is refused before it runs.

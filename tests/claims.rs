//! Claims are tests: every sentence about behaviour in a built-in preset's description, in the
//! comment block at the top of its file and in its walkthrough note is checked here against the
//! trajectories' numbers, with the measure named (the loss at a step, the first step below a
//! loss, the distance to a point, sign flips, path length, …) and the measured values printed
//! when a check fails.
//!
//! One module per preset, one test per preset named after its claim. Each test first checks that
//! the sentences it verifies are still said (`Preset::says`), so a reworded claim fails until it is
//! checked again. Bounds leave a margin: a test breaks when the behaviour changes, not when a
//! digit moves.

#[path = "claims/measure.rs"]
mod measure;

#[path = "claims/adam_family.rs"]
mod adam_family;
#[path = "claims/adam_lecture_lr.rs"]
mod adam_lecture_lr;
#[path = "claims/adaptive_steps.rs"]
mod adaptive_steps;
#[path = "claims/batch_sizes_linreg.rs"]
mod batch_sizes_linreg;
#[path = "claims/beale_adaptive.rs"]
mod beale_adaptive;
#[path = "claims/custom_double_well.rs"]
mod custom_double_well;
#[path = "claims/ema_vs_momentum.rs"]
mod ema_vs_momentum;
#[path = "claims/gd_bowl.rs"]
mod gd_bowl;
#[path = "claims/gd_local_minimum.rs"]
mod gd_local_minimum;
#[path = "claims/gd_plateau.rs"]
mod gd_plateau;
#[path = "claims/himmelblau_four_minima.rs"]
mod himmelblau_four_minima;
#[path = "claims/lr_schedules.rs"]
mod lr_schedules;
#[path = "claims/lr_too_large.rs"]
mod lr_too_large;
#[path = "claims/momentum_larger_lr.rs"]
mod momentum_larger_lr;
#[path = "claims/nesterov_lookahead.rs"]
mod nesterov_lookahead;
#[path = "claims/net_adam_vs_sgd.rs"]
mod net_adam_vs_sgd;
#[path = "claims/net_batch_noise.rs"]
mod net_batch_noise;
#[path = "claims/net_lecture_lr.rs"]
mod net_lecture_lr;
#[path = "claims/reference_scene.rs"]
mod reference_scene;
#[path = "claims/rmsprop_adapts.rs"]
mod rmsprop_adapts;
#[path = "claims/rolling_ball.rs"]
mod rolling_ball;
#[path = "claims/rprop_minibatch.rs"]
mod rprop_minibatch;
#[path = "claims/rprop_signs.rs"]
mod rprop_signs;
#[path = "claims/saddle_momentum_escapes.rs"]
mod saddle_momentum_escapes;
#[path = "claims/valley_3d.rs"]
mod valley_3d;
#[path = "claims/zigzag_bowl.rs"]
mod zigzag_bowl;

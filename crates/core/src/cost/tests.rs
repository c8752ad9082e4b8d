use proptest::prelude::*;

use super::*;
use crate::scenario::{NetConfig, OptimizerConfig, RunConfig, Scenario, SurfaceConfig};

fn scenario(surface: SurfaceConfig, optimizer: &str, runs: usize, steps: usize) -> Scenario {
    Scenario {
        surface,
        steps,
        runs: vec![
            RunConfig {
                optimizer: OptimizerConfig::with_lr(optimizer, 1e-3),
                start: (0.5, 0.5),
                ..Default::default()
            };
            runs
        ],
        ..Scenario::default()
    }
}

fn named(name: &str) -> SurfaceConfig {
    SurfaceConfig {
        name: name.to_owned(),
        ..SurfaceConfig::default()
    }
}

fn custom(expr: &str) -> SurfaceConfig {
    SurfaceConfig {
        name: "custom".to_owned(),
        expr: Some(expr.to_owned()),
        ..SurfaceConfig::default()
    }
}

#[test]
fn durations_read_as_people_say_them() {
    assert_eq!(duration(4e8), "0.4 s");
    assert_eq!(duration(51e9), "51 s");
    assert_eq!(duration(720e9), "12 min");
    assert_eq!(duration(3.24 * 3600e9), "3.2 h");
}

#[test]
fn a_scenario_at_the_budget_is_accepted_and_one_step_more_per_run_is_not() {
    let expr = custom(&["cosh(tanh(x))"; 16].join("+"));
    let s = scenario(expr.clone(), "adam", 64, 1);
    let compiled = s.compile().expect("valid");
    let per_step = recorded(&compiled.runs[..1]) / 2.0;
    let field = field(&compiled.surface);
    // The most steps whose 64 runs and landscape fit the budget.
    let at = ((BUDGET - field) / (64.0 * per_step)) as usize - 1;
    let within = scenario(expr.clone(), "adam", 64, at);
    assert!(within.cost().expect("valid") <= BUDGET);
    let over = scenario(expr, "adam", 64, at + 2);
    let e = over.validate().expect_err("over the budget");
    assert_eq!(e.path, "steps");
    assert!(
        e.message
            .contains("over the budget of 30 s; take fewer steps or runs, or a shorter expression"),
        "{e}"
    );
}

#[test]
fn dearer_surfaces_and_rules_cost_more_per_step() {
    let cost_of = |surface: SurfaceConfig, optimizer: &str| {
        scenario(surface, optimizer, 1, 1000).cost().expect("valid")
    };
    let rosenbrock = cost_of(named("rosenbrock"), "sgd");
    assert!(cost_of(named("rosenbrock"), "nadam") > cost_of(named("rosenbrock"), "adam"));
    assert!(cost_of(named("rosenbrock"), "adam") > rosenbrock);
    assert!(cost_of(named("ackley"), "sgd") > rosenbrock);
    assert!(cost_of(named("logreg"), "sgd") > cost_of(named("linreg"), "sgd"));
    assert!(cost_of(custom("x^2 + y^2"), "sgd") < cost_of(custom("sin(x)*cos(y) + x^2"), "sgd"));
}

#[test]
fn the_pca_plane_counts_the_smaller_matrix() {
    // Two iterates of 12,737 weights: a 2 × 2 Gram matrix, nothing like 12,737³.
    assert!(pca(2, 12_737) < 1e6);
    assert!(pca(12_737, 2) < 1e6);
    assert!(pca(3000, 4417) > BUDGET);
}

#[test]
fn an_export_counts_frames_times_pixels() {
    let s = scenario(named("rosenbrock"), "sgd", 4, 1000);
    assert!(check_export(&s, 100, 1600, 1000).is_ok());
    let e = check_export(&s, 10_000, 1600, 1000).expect_err("over");
    assert_eq!(e.field, "frames");
    assert!(
        e.message.contains("10000 frames of 1600 × 1000 pixels"),
        "{e}"
    );
    assert!(check_export(&s, 50, 8192, 8192).is_err());
}

fn net_scenario(
    hidden: Vec<usize>,
    samples: usize,
    steps: usize,
    grid: usize,
    plane: &str,
) -> Scenario {
    Scenario {
        net: Some(NetConfig {
            hidden,
            samples,
            grid,
            plane: plane.to_owned(),
            ..NetConfig::default()
        }),
        ..scenario(named("rosenbrock"), "adam", 2, steps)
    }
}

#[test]
fn a_wide_networks_pca_plane_is_within_the_budget() {
    let s = net_scenario(vec![64; 4], 2, 1, 41, "pca");
    let cost = s.cost().expect("valid");
    assert!(cost < 0.01 * BUDGET, "{}", duration(cost));
}

const SURFACES: [&str; 6] = [
    "rosenbrock",
    "ackley",
    "linreg",
    "logreg",
    "plateau",
    "custom",
];
const OPTIMIZERS: [&str; 4] = ["sgd", "adam", "nadam", "rprop"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever validates is within the budget, and what the budget refuses says so: validation and
    /// the estimate never disagree.
    #[test]
    fn what_validates_is_within_the_budget(
        surface in 0..SURFACES.len(),
        optimizer in 0..OPTIMIZERS.len(),
        runs in 1usize..=64,
        steps in prop_oneof![1usize..1000, 1000usize..=1_000_000],
    ) {
        let config = match SURFACES[surface] {
            "custom" => custom(&["sin(x*y)"; 12].join("+")),
            name => named(name),
        };
        let s = scenario(config, OPTIMIZERS[optimizer], runs, steps);
        match s.validate() {
            Ok(()) => prop_assert!(s.cost().expect("valid") <= BUDGET),
            Err(e) => {
                prop_assert_eq!(&e.path, "steps");
                prop_assert!(e.message.contains("over the budget"), "{}", e);
            }
        }
    }

    /// More of anything never costs less, and a network that validates is within the budget.
    #[test]
    fn a_network_that_validates_is_within_the_budget(
        width in 1usize..=64,
        layers in 1usize..=4,
        samples in 2usize..=10_000,
        steps in 1usize..=20_000,
        grid in 3usize..=201,
        pca in any::<bool>(),
    ) {
        let plane = if pca { "pca" } else { "random" };
        let s = net_scenario(vec![width; layers], samples, steps, grid, plane);
        let Some(experiment) = s.experiment().ok().flatten() else {
            return Ok(());
        };
        let size = experiment.size();
        prop_assert!(size.cost() <= BUDGET);
        prop_assert!(size.iterates() * size.params <= MAX_KEPT_WEIGHTS);
        let more = NetSize { steps: size.steps + 1, samples: size.samples + 1, ..size };
        prop_assert!(more.cost() >= size.cost());
    }
}

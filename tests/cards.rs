//! The optimizer cards: one per optimizer, pointing at a built-in preset that runs it, with the
//! lecture's summary table (years and adapts flags), plain Unicode maths and the rolling-ball
//! mapping onto torch's momentum buffer.

use std::collections::BTreeSet;

use optiscape::cards::{self, Card, PHYSICS};
use optiscape::preset;
use optiscape::sim::OptimizerKind;
use optiscape::sim::optim::HyperValue;

/// The optimizer kinds the runs of a built-in preset use.
fn kinds_in(preset_name: &str) -> BTreeSet<OptimizerKind> {
    let builtin = preset::builtin(preset_name)
        .unwrap_or_else(|| panic!("{preset_name} is not a built-in preset"));
    let scenario = builtin
        .scenario()
        .unwrap_or_else(|e| panic!("built-in preset {preset_name} does not parse: {e}"));
    scenario
        .runs
        .iter()
        .map(|run| {
            run.optimizer.kind().unwrap_or_else(|| {
                panic!("{preset_name}: unknown optimizer {}", run.optimizer.name)
            })
        })
        .collect()
}

#[test]
fn every_kind_has_exactly_one_card_in_kind_order() {
    assert_eq!(cards::all().len(), OptimizerKind::COUNT);
    for (card, kind) in cards::all().iter().zip(OptimizerKind::all()) {
        assert_eq!(card.kind, kind, "all() is in OptimizerKind order");
    }
    for kind in OptimizerKind::all() {
        assert_eq!(cards::card(kind).kind, kind);
        let n = cards::all().iter().filter(|c| c.kind == kind).count();
        assert_eq!(n, 1, "{kind} has {n} cards");
        assert!(std::ptr::eq(
            cards::card(kind),
            cards::all().iter().find(|c| c.kind == kind).unwrap()
        ));
    }
}

#[test]
fn every_card_points_at_a_builtin_preset_that_runs_it() {
    for card in cards::all() {
        let kinds = kinds_in(card.preset);
        assert!(
            kinds.contains(&card.kind),
            "{}'s preset {} has no {} run",
            card.kind,
            card.preset,
            card.kind
        );
    }
}

#[test]
fn the_lecture_summary_table() {
    // Optimiser, year, adapts the learning rate, adapts the gradient (L07 "Summary").
    let table = [
        (OptimizerKind::Momentum, 1964, false, true),
        (OptimizerKind::Adagrad, 2011, true, false),
        (OptimizerKind::Rmsprop, 2012, true, false),
        (OptimizerKind::Adadelta, 2012, true, false),
        (OptimizerKind::Nesterov, 2013, false, true),
        (OptimizerKind::Adam, 2014, true, true),
        (OptimizerKind::Adamax, 2015, true, true),
        (OptimizerKind::Nadam, 2015, true, true),
        (OptimizerKind::Amsgrad, 2018, true, true),
    ];
    for (kind, year, lr, gradient) in table {
        let c = cards::card(kind);
        assert_eq!(c.year, year, "{kind}'s year");
        assert_eq!(c.adapts_lr, lr, "{kind} adapts the learning rate");
        assert_eq!(c.adapts_gradient, gradient, "{kind} adapts the gradient");
    }
    // The rest, outside the table.
    let sgd = cards::card(OptimizerKind::Sgd);
    assert_eq!(
        (sgd.year, sgd.adapts_lr, sgd.adapts_gradient),
        (1951, false, false)
    );
    let ema = cards::card(OptimizerKind::Ema);
    assert_eq!((ema.adapts_lr, ema.adapts_gradient), (false, true));
    assert_eq!(ema.year, cards::card(OptimizerKind::Momentum).year);
    let rprop = cards::card(OptimizerKind::Rprop);
    assert_eq!(
        (rprop.year, rprop.adapts_lr, rprop.adapts_gradient),
        (1993, true, false)
    );
    assert!(rprop.explain.contains("sign"));
}

#[test]
fn papers_name_their_authors() {
    let expect = [
        (OptimizerKind::Sgd, "Robbins & Monro"),
        (OptimizerKind::Momentum, "Polyak"),
        (OptimizerKind::Nesterov, "Sutskever, Martens, Dahl & Hinton"),
        (OptimizerKind::Nesterov, "1983"),
        (OptimizerKind::Ema, "Polyak"),
        (OptimizerKind::Rprop, "Riedmiller & Braun"),
        (OptimizerKind::Rmsprop, "Hinton"),
        (OptimizerKind::Rmsprop, "6e"),
        (OptimizerKind::Adagrad, "Duchi"),
        (OptimizerKind::Adadelta, "Zeiler"),
        (OptimizerKind::Adam, "Kingma & Ba"),
        (OptimizerKind::Adamax, "Kingma & Ba"),
        (OptimizerKind::Amsgrad, "Reddi, Kale & Kumar"),
        (OptimizerKind::Nadam, "Dozat"),
    ];
    for (kind, text) in expect {
        let paper = cards::card(kind).paper;
        assert!(paper.contains(text), "{kind}: {paper:?} lacks {text:?}");
    }
}

#[test]
fn text_is_unicode_maths_not_latex() {
    let texts = cards::all()
        .iter()
        .flat_map(|c| c.rule.iter().copied().chain([c.explain, c.paper]))
        .chain(PHYSICS.iter().copied());
    for line in texts {
        assert!(!line.trim().is_empty());
        for bad in ["\\", "$", "_{", "^{", "\\frac", "\\sqrt"] {
            assert!(!line.contains(bad), "{line:?} contains {bad:?}");
        }
        assert!(!line.contains('\n'), "{line:?}");
    }
    for card in cards::all() {
        assert!(!card.rule.is_empty(), "{} has no rule", card.kind);
        assert!(
            card.rule.iter().any(|l| l.contains("wₜ₊₁")),
            "{}'s rule never updates w",
            card.kind
        );
        assert!(
            card.rule.iter().any(|l| l.contains('∇')),
            "{}'s rule uses no gradient",
            card.kind
        );
    }
}

#[test]
fn rules_use_the_hyper_parameters_we_implement() {
    let rule = |k: OptimizerKind| cards::card(k).rule.join("\n");
    // Rprop: torch's etas (η₋, η₊) = (0.5, 1.2) and step sizes (10⁻⁶, 50).
    assert_eq!(
        OptimizerKind::Rprop.spec("etas").unwrap().default,
        HyperValue::P(0.5, 1.2)
    );
    assert_eq!(
        OptimizerKind::Rprop.spec("step_sizes").unwrap().default,
        HyperValue::P(1e-6, 50.0)
    );
    let rprop = rule(OptimizerKind::Rprop);
    for text in ["η₊ = 1.2", "η₋ = 0.5", "sign(", "50", "10⁻⁶"] {
        assert!(rprop.contains(text), "Rprop's rule lacks {text:?}");
    }
    // EMA: the lecture's average, started from zero (the rules file, not the slide's missing β).
    let ema = rule(OptimizerKind::Ema);
    assert!(ema.contains("vₜ = β·vₜ₋₁ + (1 − β)·∇f(wₜ)"));
    assert!(ema.contains("v₀ = 0"));
    assert!(
        cards::card(OptimizerKind::Ema)
            .explain
            .contains("α/(1 − β)")
    );
    // Momentum: the lecture's rolling ball, lr outside the buffer.
    let momentum = rule(OptimizerKind::Momentum);
    assert!(momentum.contains("vₜ = β·vₜ₋₁ + ∇f(wₜ)"));
    assert!(momentum.contains("wₜ₊₁ = wₜ − α·vₜ"));
    // Nesterov: gradient at the look-ahead point.
    assert!(rule(OptimizerKind::Nesterov).contains("∇f(w̃ₜ)"));
    // RMSProp: EMA of ∇f², ε outside the root, no bias correction.
    let rmsprop = rule(OptimizerKind::Rmsprop);
    assert!(rmsprop.contains("∇f(wₜ)²") && rmsprop.contains("(√vₜ + ε)"));
    assert!(
        !rmsprop.contains('̂'),
        "torch's RMSprop has no bias correction"
    );
    // Adam: bias corrections, the lecture's β₁ and β₂ are torch's defaults, α = 3·10⁻⁴ mentioned.
    let adam = rule(OptimizerKind::Adam);
    assert!(adam.contains("m̂ₜ") && adam.contains("v̂ₜ") && adam.contains("(√v̂ₜ + ε)"));
    assert_eq!(
        OptimizerKind::Adam.spec("betas").unwrap().default,
        HyperValue::P(0.9, 0.999)
    );
    assert!(cards::card(OptimizerKind::Adam).explain.contains("3·10⁻⁴"));
    // Adadelta: ε inside both roots and torch's extra lr factor.
    let adadelta = rule(OptimizerKind::Adadelta);
    assert!(adadelta.contains("√(uₜ₋₁ + ε)") && adadelta.contains("√(vₜ + ε)"));
    assert!(adadelta.contains("α·Δₜ"));
    // AMSGrad: max of the raw v; AdaMax: ε inside the max.
    assert!(rule(OptimizerKind::Amsgrad).contains("max(v̄ₜ₋₁, vₜ)"));
    assert!(rule(OptimizerKind::Adamax).contains("|∇f(wₜ)| + ε)"));
    // NAdam: Dozat's μ schedule.
    assert!(rule(OptimizerKind::Nadam).contains("0.96"));
    assert_eq!(
        OptimizerKind::Nadam.spec("momentum_decay").unwrap().default,
        HyperValue::F(4e-3)
    );
}

#[test]
fn compare_rows_are_every_card_sorted_by_year() {
    let rows: Vec<&Card> = cards::compare_rows().collect();
    assert_eq!(rows.len(), cards::all().len());
    assert!(rows.windows(2).all(|w| w[0].year <= w[1].year));
    let kinds: BTreeSet<OptimizerKind> = rows.iter().map(|c| c.kind).collect();
    assert_eq!(kinds.len(), OptimizerKind::COUNT);
    assert_eq!(rows[0].kind, OptimizerKind::Sgd);
    assert_eq!(rows.last().unwrap().kind.name(), "lion");
}

#[test]
fn the_momentum_card_states_the_exact_mapping() {
    assert!(PHYSICS.iter().any(|l| l.contains("b = −(m/Δt)·v")));
    assert!(PHYSICS.iter().any(|l| l.contains("lr = Δt²/m")));
    assert!(PHYSICS.iter().any(|l| l.contains("β = 1 − ηΔt/m")));
}

#[test]
fn alpha_means_the_learning_rate_on_every_card() {
    // The lecture writes the learning rate α, so no other hyper-parameter is called α, even
    // where torch names one `alpha` (RMSprop's decay, written β on its card).
    for card in cards::all() {
        for spec in card.kind.takes() {
            if spec.name != "lr" {
                assert!(
                    !spec.doc.starts_with('α') && !spec.doc.contains(" α:"),
                    "{}: `{}` is described as α: {}",
                    card.kind.name(),
                    spec.name,
                    spec.doc
                );
            }
        }
        let rule = card.rule.join(" ");
        if card.kind == OptimizerKind::Rmsprop {
            assert!(rule.contains("β·vₜ₋₁") && rule.contains("α·∇f"), "{rule}");
        }
    }
}

//! Opens each TensorFlow Playground link given (one per line on stdin) as the page does, and prints
//! one JSON line per link: its training and test points, its initial parameters (as
//! `Network::save_parameters` lays them out), the training and test loss after the epochs asked
//! for, and the parameters after the last of them. `tests/js/tensorflow-run.test.mjs` holds these
//! against a float64 reference that follows TensorFlow Playground's rules with the `seedrandom`
//! library itself:
//! `echo '#seed=0.5&dataset=xor&x=true&y=true' | cargo run --release --example tensorflow_run -- 1 10 100`.
use backprop_playground::io::link;
use serde_json::json;
use std::io::BufRead;

fn main() {
    let epochs: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("epoch counts"))
        .collect();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("a line");
        let (mut trainer, report) = link::open(&line);
        let points = |set: &backprop_playground::training::Samples| -> Vec<[f32; 3]> {
            set.points.iter().map(|p| [p.x, p.y, p.label]).collect()
        };
        let mut params = vec![0.0; trainer.network.parameter_count()];
        trainer.network.save_parameters(&mut params);
        let mut losses = Vec::new();
        let mut done = 0;
        for &e in &epochs {
            while done < e {
                trainer.epoch();
                done += 1;
            }
            let s = trainer.stats();
            losses.push(
                json!({ "epoch": e, "step": s.step, "train": s.train_loss, "test": s.test_loss }),
            );
        }
        let mut last = vec![0.0; params.len()];
        trainer.network.save_parameters(&mut last);
        let out = json!({
            "tensorflow": report.tensorflow,
            "errors": report.errors,
            "features": trainer.config().features.iter().map(|f| f.name()).collect::<Vec<_>>(),
            "train": points(trainer.train_samples()),
            "test": points(trainer.test_samples()),
            "params": params,
            "losses": losses,
            "last": last,
        });
        println!("{out}");
    }
}

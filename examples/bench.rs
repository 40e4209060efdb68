//! Native measurements for `bench/run.mjs`: `bench key=value … [mode=speed|loss]`. `speed` prints
//! the median epochs per second of 7 timed runs (after warm-up); `loss` prints the training loss
//! after 100 epochs, for checking that every implementation trains the same.

use backprop_playground::{Config, FieldValue, Trainer};
use std::time::Instant;

fn main() {
    let mut mode = "speed".to_string();
    let mut fields = Vec::new();
    for arg in std::env::args().skip(1) {
        let (k, v) = arg.split_once('=').expect("arguments are key=value");
        if k == "mode" {
            mode = v.to_string();
        } else {
            fields.push((k.to_string(), FieldValue::Text(v.to_string())));
        }
    }
    let mut trainer = Trainer::new(Config::from_fields(fields).unwrap_or_else(|e| panic!("{e}")));
    if mode == "loss" {
        for _ in 0..100 {
            trainer.epoch();
        }
        println!("{}", trainer.stats().train_loss.unwrap());
        return;
    }
    for _ in 0..20 {
        trainer.epoch();
    }
    let mut rates: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            let mut epochs = 0;
            while start.elapsed().as_secs_f64() < 0.2 {
                trainer.epoch();
                epochs += 1;
            }
            epochs as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!("{}", rates[rates.len() / 2]);
}

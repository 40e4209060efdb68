//! Native epochs per second for one workload: `bench key=value …` prints the median of 7 timed
//! runs (after warm-up) as one number. `bench/run.mjs` runs it beside the wasm build.

use backprop_playground::{Config, FieldValue, Trainer};
use std::time::Instant;

fn main() {
    let fields = std::env::args().skip(1).map(|arg| {
        let (k, v) = arg.split_once('=').expect("arguments are key=value");
        (k.to_string(), FieldValue::Text(v.to_string()))
    });
    let mut trainer = Trainer::new(Config::from_fields(fields).unwrap_or_else(|e| panic!("{e}")));
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

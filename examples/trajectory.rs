//! Prints a training trajectory: `cargo run --release --example trajectory -- key=value … [steps=N]`.
//! One line per step: the step, the batch loss as its exact f32 bits, and the loss. The JS tests run
//! the same configuration in wasm and compare the bits, so native and wasm must agree exactly.

use backprop_playground::{Config, FieldValue, Trainer};

fn main() {
    let mut steps = 200;
    let mut every = 1;
    let mut fields = Vec::new();
    for arg in std::env::args().skip(1) {
        let Some((key, value)) = arg.split_once('=') else {
            eprintln!("arguments are key=value, not {arg:?}");
            std::process::exit(2);
        };
        match key {
            "steps" => steps = value.parse().expect("steps is a whole number"),
            "every" => every = value.parse().expect("every is a whole number"),
            _ => fields.push((key.to_string(), FieldValue::Text(value.to_string()))),
        }
    }
    let config = Config::from_fields(fields).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let mut trainer = Trainer::new(config);
    for _ in 0..steps / every {
        trainer.step(every);
        let s = trainer.stats();
        println!(
            "{} {:08x} {} {:08x}",
            s.step,
            s.batch_loss.to_bits(),
            s.train_loss.unwrap(),
            s.train_loss.unwrap().to_bits()
        );
    }
}

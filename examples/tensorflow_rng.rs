//! Prints the first numbers of TensorFlow Playground's random stream for each seed given, one line
//! per seed (JSON), for `tests/js/tensorflow-rng.test.mjs` to hold against the `seedrandom`
//! library itself: `cargo run --release --example tensorflow_rng -- 0.59704 '' …`.
use backprop_playground::tensorflow::random::SeedRandom;

fn main() {
    let count = 2000;
    for seed in std::env::args().skip(1) {
        let mut rng = SeedRandom::new(&seed);
        let numbers: Vec<String> = (0..count)
            .map(|_| format!("{:?}", rng.next_f64()))
            .collect();
        println!("[{}]", numbers.join(","));
    }
}

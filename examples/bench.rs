//! The native peer of `bench/run.mjs`: a long-lived process driven one line at a time over
//! stdin, answering each with one line on stdout, so that native runs interleave with the wasm and
//! JavaScript ones in rounds (no process start per measurement).
//!
//! - `config <name> key=value …` makes the trainer `<name>`; answers `ok`.
//! - `run <name> <ms>` trains it for about `<ms>` milliseconds; answers its epochs per second
//!   (the same loop as the wasm side's, in `bench/run.mjs`).
//! - `loss key=value …` trains a fresh trainer for 100 epochs; answers its training loss.
//! - `peak <ms>` runs an f32 multiply-add loop over 8 independent 4-lane accumulators (what the
//!   wasm peak module does, left to LLVM to vectorise); answers GFLOP/s.
//!
//! An error answers `error <message>`.

use backprop_playground::{Config, FieldValue, Trainer};
use std::collections::HashMap;
use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::Instant;

fn trainer(fields: &[&str]) -> Result<Trainer, String> {
    let fields = fields
        .iter()
        .map(|f| {
            let (k, v) = f.split_once('=').ok_or(format!("{f}: not key=value"))?;
            Ok((k.to_string(), FieldValue::Text(v.to_string())))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Trainer::new(
        Config::from_fields(fields).map_err(|e| e.to_string())?,
    ))
}

/// Epochs per second over about `ms` milliseconds.
fn rate(trainer: &mut Trainer, ms: f64) -> f64 {
    let start = Instant::now();
    let mut epochs = 0;
    while start.elapsed().as_secs_f64() * 1000.0 < ms {
        trainer.epoch();
        epochs += 1;
    }
    epochs as f64 / start.elapsed().as_secs_f64()
}

/// GFLOP/s of 8 chains of 4-lane `acc = acc · a + b` (8 FLOP per chain and iteration).
fn peak(ms: f64) -> f64 {
    const CHUNK: usize = 1 << 18;
    let (a, b) = (black_box(0.5f32), black_box(1.0f32));
    let mut acc = [[0f32; 4]; 8];
    let mut iterations = 0usize;
    let start = Instant::now();
    while start.elapsed().as_secs_f64() * 1000.0 < ms {
        for _ in 0..CHUNK {
            for chain in &mut acc {
                for lane in chain.iter_mut() {
                    *lane = *lane * a + b;
                }
            }
        }
        acc = black_box(acc);
        iterations += CHUNK;
    }
    let seconds = start.elapsed().as_secs_f64();
    assert!(acc.iter().flatten().all(|x| x.is_finite()));
    (iterations * 8 * 8) as f64 / seconds / 1e9
}

fn answer(line: &str, trainers: &mut HashMap<String, Trainer>) -> Result<String, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |i: usize| -> Result<f64, String> {
        let w = words.get(i).ok_or("a number is missing")?;
        w.parse().map_err(|_| format!("{w}: not a number"))
    };
    match words.first().copied() {
        Some("config") => {
            let name = words.get(1).ok_or("config needs a name")?;
            trainers.insert(name.to_string(), trainer(&words[2..])?);
            Ok("ok".into())
        }
        Some("run") => {
            let name = words.get(1).ok_or("run needs a name")?;
            let t = trainers
                .get_mut(*name)
                .ok_or(format!("no trainer {name}"))?;
            Ok(rate(t, number(2)?).to_string())
        }
        Some("loss") => {
            let mut t = trainer(&words[1..])?;
            for _ in 0..100 {
                t.epoch();
            }
            let loss = t.stats().train_loss.ok_or("no training loss")?;
            Ok(loss.to_string())
        }
        Some("peak") => Ok(peak(number(1)?).to_string()),
        _ => Err(format!("unknown command: {line}")),
    }
}

fn main() {
    let mut trainers = HashMap::new();
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is readable");
        let reply = answer(&line, &mut trainers).unwrap_or_else(|e| format!("error {e}"));
        writeln!(out, "{reply}")
            .and_then(|()| out.flush())
            .expect("stdout is writable");
    }
}

//! The wasm binding in headless Chromium: zero-copy views equal copies of the buffers, stay live as
//! training changes them, are detached by memory growth and valid again once re-created; errors
//! arrive as JS `Error`s naming the field.
#![cfg(target_arch = "wasm32")]

use backprop_playground::binding::Playground;
use js_sys::{Float32Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &JsValue::from_str(k), v).unwrap();
    }
    obj.into()
}

fn playground() -> Playground {
    let shape = js_sys::Array::of2(&JsValue::from(3), &JsValue::from(2));
    Playground::new(config(&[
        ("networkShape", shape.into()),
        ("seed", JsValue::from(4)),
    ]))
    .unwrap()
}

#[wasm_bindgen_test]
fn views_equal_the_values_written_and_follow_training() {
    let mut p = playground();
    let weights: Vec<f32> = (0..6).map(|i| i as f32 * 0.25 - 0.5).collect();
    let biases = vec![0.5f32, -0.25, 0.125];
    p.set_params(0, &weights, &biases).unwrap();
    assert_eq!(p.weights(0).unwrap().to_vec(), weights);
    assert_eq!(p.biases(0).unwrap().to_vec(), biases);

    let view = p.weights(0).unwrap();
    let copy = view.to_vec();
    p.step(5);
    // The same view sees the update: it is the memory, not a copy.
    assert_ne!(view.to_vec(), copy);
    assert_eq!(view.to_vec(), p.weights(0).unwrap().to_vec());
    for l in 0..3 {
        let n = p.deltas(l).unwrap().length();
        assert_eq!(p.pre_activations(l).unwrap().length(), n);
        assert_eq!(p.activations(l).unwrap().length(), n);
        assert_eq!(
            p.weight_grads(l).unwrap().length(),
            p.weights(l).unwrap().length()
        );
        assert_eq!(p.bias_grads(l).unwrap().length(), n);
    }
}

#[wasm_bindgen_test]
fn memory_growth_detaches_views_and_fresh_views_are_valid() {
    let p = playground();
    let view = p.weights(1).unwrap();
    let copy = view.to_vec();
    assert!(view.byte_length() > 0);
    // Grow the linear memory by 4 pages, as a large allocation would.
    let before = core::arch::wasm32::memory_size(0);
    assert_ne!(core::arch::wasm32::memory_grow(0, 4), usize::MAX);
    assert_eq!(core::arch::wasm32::memory_size(0), before + 4);
    assert_eq!(view.byte_length(), 0, "growth detaches the old view");
    let fresh: Float32Array = p.weights(1).unwrap();
    assert_eq!(fresh.to_vec(), copy);
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    assert!(
        JsValue::from(fresh.buffer()) == memory.buffer(),
        "the fresh view is over the current buffer"
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_naming_the_field() {
    let err = Playground::new(config(&[("activation", JsValue::from_str("swish"))]))
        .err()
        .unwrap();
    let err: js_sys::Error = JsValue::from(err).unchecked_into();
    let message = String::from(err.message());
    assert!(message.starts_with("activation: \"swish\""), "{message}");
    assert!(message.contains("leakyRelu"), "{message}");
    let mut p = playground();
    let err = p.set_params(0, &[1.0], &[]).err().unwrap();
    let message = String::from(
        JsValue::from(err)
            .unchecked_into::<js_sys::Error>()
            .message(),
    );
    assert!(message.contains("6 weights"), "{message}");
}

#[wasm_bindgen_test]
fn training_in_the_browser_lowers_the_loss() {
    let mut p = playground();
    let loss = |p: &mut Playground| {
        Reflect::get(&p.stats(), &"trainLoss".into())
            .unwrap()
            .as_f64()
            .unwrap()
    };
    let start = loss(&mut p);
    for _ in 0..40 {
        p.epoch();
    }
    assert!(loss(&mut p) < 0.7 * start);
    let pixels = p.heatmap(-1, 16).unwrap();
    assert_eq!(pixels.length(), 16 * 16 * 4);
}

#[wasm_bindgen_test]
fn the_schema_reaches_js_as_plain_objects_in_the_configurations_order() {
    let schema = Playground::schema();
    let get = |v: &JsValue, key: &str| Reflect::get(v, &key.into()).unwrap();
    let settings: js_sys::Array = get(&schema, "settings").unchecked_into();
    let config = Playground::new(JsValue::UNDEFINED).unwrap().config();
    let names: Vec<String> = settings
        .iter()
        .map(|s| get(&s, "name").as_string().unwrap())
        .collect();
    let keys: Vec<String> = js_sys::Object::keys(config.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(names, keys);
    let json = |v: &JsValue| String::from(js_sys::JSON::stringify(v).unwrap());
    // Each setting's default is the default configuration's value, as JSON sees them.
    for s in settings.iter() {
        let name = get(&s, "name").as_string().unwrap();
        assert_eq!(
            json(&get(&s, "default")),
            json(&get(&config, &name)),
            "{name}"
        );
    }
    let seed = settings.iter().find(|s| get(s, "name") == "seed").unwrap();
    assert_eq!(get(&seed, "max").as_f64(), Some(9007199254740991.0));
    assert_eq!(json(&get(&schema, "limits")), json(&Playground::limits()));
    assert_eq!(json(&get(&schema, "presets")), json(&Playground::presets()));
}

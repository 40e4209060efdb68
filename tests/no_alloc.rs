//! A training step allocates nothing: every buffer is preallocated when the network is built.

mod common;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Only the test's own thread counts: the test harness's threads allocate when they like.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn step_and_epoch_allocate_nothing() {
    for optimizer in ["sgd", "momentum", "adam"] {
        let mut t = common::trainer(&[
            ("networkShape", "8,8,8"),
            ("residual", "true"),
            ("optimizer", optimizer),
            ("dataset", "blobs"),
            ("regularization", "L2"),
            ("regularizationRate", "0.01"),
        ]);
        t.step(1); // warm-up: nothing lazily allocated should remain
        COUNTING.with(|c| c.set(true));
        let before = ALLOCATIONS.load(Ordering::SeqCst);
        t.step(100);
        t.epoch();
        t.trace(3);
        t.apply_gradients();
        let after = ALLOCATIONS.load(Ordering::SeqCst);
        COUNTING.with(|c| c.set(false));
        assert_eq!(
            after - before,
            0,
            "{optimizer}: training allocated {} times",
            after - before
        );
    }
}

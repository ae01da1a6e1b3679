//! The Web Locks API (`navigator.locks`): a named lock that one tab of this origin holds
//! at a time, released when the holder lets go, closes or crashes, so a waiting tab takes
//! over. Called through `Reflect`: web-sys keeps `LockManager` behind an unstable flag.

use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::AbortController;

#[derive(Default)]
struct Held {
    /// Resolving it releases the lock (the lock's callback waits on it).
    release: Option<Function>,
    /// Let go before the lock was granted: release it at once when it is.
    dropped: bool,
}

/// A request for a lock: held from when it is granted until [`Lease::release`].
pub struct Lease {
    held: Rc<RefCell<Held>>,
    abort: AbortController,
}

/// Whether this browser has Web Locks (Chromium, Firefox, Safari 15.4+).
pub fn supported() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"locks".into()).ok())
        .is_some_and(|locks| !locks.is_undefined() && !locks.is_null())
}

/// Asks for the lock `name`; `granted` runs once this tab holds it. `None` without Web
/// Locks.
pub fn request(name: &str, granted: impl FnOnce() + 'static) -> Option<Lease> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    let request: Function = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let abort = AbortController::new().ok()?;
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), &abort.signal()).ok()?;
    let held = Rc::new(RefCell::new(Held::default()));
    let state = held.clone();
    let mut granted = Some(granted);
    let on_lock = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        Promise::new(&mut |resolve, _reject| {
            let dropped = state.borrow().dropped;
            if dropped {
                let _ = resolve.call0(&JsValue::NULL);
                return;
            }
            state.borrow_mut().release = Some(resolve);
            if let Some(granted) = granted.take() {
                granted();
            }
        })
    });
    let asked = request
        .call3(&locks, &name.into(), &options, &on_lock)
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    // A request given up before it was granted rejects with AbortError: expected, silent.
    let quiet = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    let _ = asked.catch(&quiet);
    quiet.forget();
    Some(Lease { held, abort })
}

impl Lease {
    /// Lets go of the lock, or of the request if it is not granted yet.
    pub fn release(self) {
        let release = {
            let mut held = self.held.borrow_mut();
            held.dropped = true;
            held.release.take()
        };
        match release {
            Some(resolve) => {
                let _ = resolve.call0(&JsValue::NULL);
            }
            None => self.abort.abort(),
        }
    }
}

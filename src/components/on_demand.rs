//! A part of the app that arrives on demand (a split-off wasm part, see
//! scripts/build/split.mjs): "Loading …" while it is fetched and, if it cannot be, a clear
//! message with a retry — never a blank or a panic.

use crate::i18n::Msg;
use crate::state::settings::use_settings;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::future::Future;
use std::pin::Pin;

/// A split-off part could not be fetched (offline before it was cached, a failed download).
/// The error type of every `fallible` split function: `#[lazy]` would panic instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// What a part builds: its view, or word that it could not be fetched.
pub type Part = Result<AnyView, PartMissing>;

/// A part's loader behind one type: the generic components below only box their `load`,
/// so the code that fetches, retries and draws is compiled once, not once per part (a copy
/// each cost 1.3 KB brotli of the main module, 3 KB of My rentals' part, with its dialogs).
type Loader = StoredValue<Box<dyn Fn() -> Pin<Box<dyn Future<Output = Part>>>>, LocalStorage>;

fn loader<F, Fut>(load: F) -> Loader
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Part> + 'static,
{
    StoredValue::new_local(Box::new(move || {
        Box::pin(load()) as Pin<Box<dyn Future<Output = Part>>>
    }))
}

/// Declares parts, each where its view lives. Each part: with the `split` feature (the app's build, see index.html) a `fallible`
/// `wasm_split` function and its preload; without it (the component tests, whose runner
/// cannot serve the split's loader) an ordinary async function, and a preload that has
/// nothing to do.
macro_rules! on_demand_parts {
    ($($(#[doc = $doc:literal])* $name:ident / $preload:ident ($($arg:ident: $ty:ty),*) => $view:expr;)*) => {$(
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        pub fn $name($($arg: $ty),*) -> $crate::components::on_demand::Part {
            Ok($view.into_any())
        }

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> $crate::components::on_demand::Part {
            Ok($view.into_any())
        }

        #[cfg(not(feature = "split"))]
        #[allow(dead_code)] // the key prompt's is never prefetched
        pub async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    )*};
}

pub(crate) use on_demand_parts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Loading,
    Failed,
    Ready,
}

/// Shows what `load` (a `fallible` split function) builds, once its part is here. A failed
/// load is not remembered by the loader, so the retry fetches the part again.
#[component]
pub fn OnDemand<F, Fut>(
    /// Fetches the part and builds its view.
    load: F,
    /// For a dialog: nothing shows while it loads, a failure shows in a modal dialog of its
    /// own, and this runs when that one is closed.
    #[prop(optional)]
    dialog: Option<Callback<()>>,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, PartMissing>> + 'static,
{
    part_view(loader(load), dialog)
}

/// [`OnDemand`] for any loader.
fn part_view(load: Loader, dialog: Option<Callback<()>>) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let phase = RwSignal::new(Phase::Loading);
    let part = StoredValue::new_local(None::<AnyView>);
    // The load runs under this component's owner, also when the retry button starts it:
    // the part's view reads its context from there, and the load is dropped with the
    // component, not with the button (whose owner goes as soon as "Loading …" replaces it).
    let owner = StoredValue::new(Owner::current());
    let fetch = move || {
        phase.set(Phase::Loading);
        let Some(loading) = load.try_with_value(|load| load()) else {
            return;
        };
        let task = async move {
            match loading.await {
                Ok(view) => {
                    crate::browser::quiet::first_page_ready();
                    part.set_value(Some(view));
                    phase.set(Phase::Ready);
                }
                Err(PartMissing) => phase.set(Phase::Failed),
            }
        };
        match owner.get_value() {
            Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(task)),
            None => spawn_local_scoped_with_cancellation(task),
        }
    };
    fetch();
    move || match phase.get() {
        Phase::Loading if dialog.is_some() => ().into_any(),
        Phase::Loading => view! { <p role="status">{move || t(Msg::Loading)}</p> }.into_any(),
        Phase::Failed if let Some(close) = dialog => view! {
            <FailedDialog retry=Callback::new(move |_| fetch()) close/>
        }
        .into_any(),
        Phase::Failed => view! {
            <div class="note error" role="alert" data-testid="part-failed">
                <p>{move || t(Msg::PartLoadFailed)}</p>
                <button type="button" on:click=move |_| fetch()>{move || t(Msg::Retry)}</button>
            </div>
        }
        .into_any(),
        Phase::Ready => part
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
    }
}

/// A dialog's part could not be fetched: said in a modal of its own, where the click was.
#[component]
fn FailedDialog(retry: Callback<()>, close: Callback<()>) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" data-testid="part-failed" on:close=move |_| close.run(())>
            <div role="alert">
                <p>{move || t(Msg::PartLoadFailed)}</p>
            </div>
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| {
                    if let Some(el) = dialog.get_untracked() {
                        el.close();
                    }
                }>{move || t(Msg::Close)}</button>
                <button type="button" on:click=move |_| retry.run(())>{move || t(Msg::Retry)}</button>
            </div>
        </dialog>
    }
}

/// A dialog in its own part: nothing is fetched until it is first opened; then it stays,
/// so it reopens at once. If its part failed, closing the message lets the next opening
/// try again.
#[component]
pub fn DialogOnDemand<F, Fut>(
    /// Whether the owner wants the dialog open.
    #[prop(into)]
    opened: Signal<bool>,
    /// Makes the owner's `opened` false.
    close: Callback<()>,
    /// Fetches the part and builds the dialog.
    load: F,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, PartMissing>> + 'static,
{
    let wanted = RwSignal::new(false);
    Effect::new(move |_| {
        if opened.get() {
            wanted.set(true);
        }
    });
    let give_up = Callback::new(move |_| {
        wanted.set(false);
        close.run(());
    });
    let load = loader(load);
    move || wanted.get().then(|| part_view(load, Some(give_up)))
}

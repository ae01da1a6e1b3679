//! German and Russian texts that arrived as files (scripts/build/texts.mjs writes them
//! from de.rs and ru.rs): the app's build leaves those two out of the wasm, so a page in
//! English fetches none of them and one in German fetches only German.

use super::{Lang, Msg};
use std::sync::OnceLock;

static GERMAN: OnceLock<Box<[Box<str>]>> = OnceLock::new();
static RUSSIAN: OnceLock<Box<[Box<str>]>> = OnceLock::new();

fn table(lang: Lang) -> Option<&'static OnceLock<Box<[Box<str>]>>> {
    match lang {
        Lang::De => Some(&GERMAN),
        Lang::Ru => Some(&RUSSIAN),
        Lang::En => None,
    }
}

/// `msg` in `lang`, once its texts are here.
pub(super) fn text(lang: Lang, msg: Msg) -> Option<&'static str> {
    let texts = table(lang)?.get()?;
    texts.get(msg as usize).map(|t| &**t)
}

/// Whether `lang` can be shown in its own words now.
pub(super) fn has_texts(lang: Lang) -> bool {
    table(lang).is_none_or(|t| t.get().is_some())
}

/// Keeps `texts` (one per [`Msg`], in its order) as `lang`'s; false when they do not fit
/// this build (another build's file), so the caller says so instead of showing wrong words.
pub fn install_texts(lang: Lang, texts: Vec<String>) -> bool {
    let Some(table) = table(lang) else {
        return true;
    };
    if texts.len() != Msg::ALL.len() || texts.iter().any(|t| t.trim().is_empty()) {
        return false;
    }
    let _ = table.set(texts.into_iter().map(String::into_boxed_str).collect());
    true
}

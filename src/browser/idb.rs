//! IndexedDB, where the inbox keeps thousands of messages (localStorage holds a few MB and
//! blocks the page on every write). One database, one store of JSON texts under string
//! keys. Every failure (blocked, full, a private mode) is an `Err(())`: the caller says so
//! and goes on with what it has in memory.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "rentdesk";
const VERSION: u32 = 1;
const STORE: &str = "inbox";

/// The open database.
pub struct Db(IdbDatabase);

/// Waits for a request's result.
async fn result(request: &IdbRequest) -> Result<JsValue, ()> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await.map_err(|_| ())?;
    request.result().map_err(|_| ())
}

/// Waits until a write transaction is stored.
async fn committed(tx: &IdbTransaction) -> Result<(), ()> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

/// Opens (and on first use creates) the database.
pub async fn open() -> Result<Db, ()> {
    let factory = web_sys::window()
        .ok_or(())?
        .indexed_db()
        .map_err(|_| ())?
        .ok_or(())?;
    let request = factory.open_with_u32(NAME, VERSION).map_err(|_| ())?;
    let upgrade = Closure::<dyn Fn(JsValue)>::new({
        let request = request.clone();
        move |_| {
            if let Some(db) = request
                .result()
                .ok()
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
            {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = result(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    db?.dyn_into::<IdbDatabase>().map(Db).map_err(|_| ())
}

impl Db {
    fn store(
        &self,
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, web_sys::IdbObjectStore), ()> {
        let tx = self
            .0
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(|_| ())?;
        let store = tx.object_store(STORE).map_err(|_| ())?;
        Ok((tx, store))
    }

    /// Every stored text.
    pub async fn all(&self) -> Result<Vec<String>, ()> {
        let (_, store) = self.store(IdbTransactionMode::Readonly)?;
        let values = result(&store.get_all().map_err(|_| ())?).await?;
        Ok(strings(&values))
    }

    /// Every key.
    pub async fn keys(&self) -> Result<Vec<String>, ()> {
        let (_, store) = self.store(IdbTransactionMode::Readonly)?;
        let keys = result(&store.get_all_keys().map_err(|_| ())?).await?;
        Ok(strings(&keys))
    }

    /// Stores each (key, text) in one transaction: all or none.
    pub async fn put(&self, items: &[(String, String)]) -> Result<(), ()> {
        if items.is_empty() {
            return Ok(());
        }
        let (tx, store) = self.store(IdbTransactionMode::Readwrite)?;
        for (key, text) in items {
            store
                .put_with_key(&JsValue::from_str(text), &JsValue::from_str(key))
                .map_err(|_| ())?;
        }
        committed(&tx).await
    }

    /// Removes these keys in one transaction.
    pub async fn delete(&self, keys: &[String]) -> Result<(), ()> {
        if keys.is_empty() {
            return Ok(());
        }
        let (tx, store) = self.store(IdbTransactionMode::Readwrite)?;
        for key in keys {
            store.delete(&JsValue::from_str(key)).map_err(|_| ())?;
        }
        committed(&tx).await
    }

    /// Removes everything.
    pub async fn clear(&self) -> Result<(), ()> {
        let (tx, store) = self.store(IdbTransactionMode::Readwrite)?;
        store.clear().map_err(|_| ())?;
        committed(&tx).await
    }
}

/// The strings of a JS array (anything else in it is skipped).
fn strings(array: &JsValue) -> Vec<String> {
    Array::from(array)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

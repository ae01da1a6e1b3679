//! The operator of the number, where the country has operators: any, or one of them,
//! each with the numbers it has for the picked services.

use crate::i18n::Msg;
use crate::state::multi_rent::OperatorStock;
use crate::state::settings::use_settings;
use leptos::prelude::*;

/// Radio choices "any operator" and one per operator; hidden when there are none.
#[component]
pub fn OperatorPicker(
    /// The country's operators with their stock for the picked services.
    #[prop(into)]
    operators: Signal<Vec<OperatorStock>>,
    /// Numbers available from any operator, when known.
    #[prop(into)]
    any_count: Signal<Option<i64>>,
    /// The chosen operator; `None` is any.
    value: RwSignal<Option<String>>,
    /// Whether an operator's count is only an upper bound (several services picked).
    #[prop(into)]
    upper_bound: Signal<bool>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move |m: Msg| settings.t(m);
    let count_text = move |count: Option<i64>, bounded: bool| match count {
        None => String::new(),
        Some(n) if n <= 0 => t(Msg::SoldOut).to_owned(),
        Some(n) if bounded => t(Msg::OperatorUpTo).replace("{n}", &n.to_string()),
        Some(n) => format!("{n} {}", t(Msg::AvailableCount)),
    };
    let choice = move |name: Option<String>, count: Signal<Option<i64>>| {
        let bounded = name.is_some();
        let id = match &name {
            Some(n) => format!(
                "operator-{}",
                n.chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect::<String>()
            ),
            None => "operator-any".to_owned(),
        };
        let label = name.clone();
        let checked = {
            let name = name.clone();
            move || value.get() == name
        };
        let for_id = id.clone();
        view! {
            <label class="operator-option" for=for_id>
                <input type="radio" name="operator" id=id prop:checked=checked
                    on:change=move |_| value.set(name.clone())/>
                <span class="operator-name">{move || label.clone().unwrap_or_else(|| t(Msg::OperatorAny).to_owned())}</span>
                <span class="operator-count">{move || count_text(count.get(), bounded && upper_bound.get())}</span>
            </label>
        }
    };
    view! {
        <Show when=move || !operators.with(Vec::is_empty)>
            <fieldset class="operators">
                <legend>{settings.text(Msg::OperatorLegend)}</legend>
                {choice(None, any_count)}
                <For each=move || operators.get() key=|o| (o.name.clone(), o.count) let:op>
                    {choice(Some(op.name.clone()), Signal::stored(op.count))}
                </For>
            </fieldset>
        </Show>
    }
}

use leptos::prelude::*;

use crate::api::{CategoryLink, ContributionForm, get_contribution_form};
use crate::components::{PageMeta, Sidebar, use_site};
use crate::contribution::{
    ContributionFields, Field, MAX_IMAGE_BYTES, MAX_IMAGES, Problem, TurnedBack, check_text,
};
use crate::routes::loaded_page;
use crate::script::{Script, use_script};

/// 投稿: the contribution form. A plain form POST (it works without JavaScript; the server
/// answers with a receipt, or with this page again showing what to fix). Once hydrated, each
/// field is checked as it is typed, by the same rules the server applies.
#[component]
pub fn SubmitPage() -> impl IntoView {
    let data = Resource::new(|| (), |()| get_contribution_form());
    loaded_page(data, |form, site| {
        view! { <SubmitView form site_name=site.name/> }
    })
}

#[component]
fn SubmitView(form: ContributionForm, site_name: String) -> impl IntoView {
    let script = use_script().get_untracked();
    let categories: Vec<CategoryLink> = use_site()
        .get_untracked()
        .and_then(Result::ok)
        .map(|site| site.categories)
        .unwrap_or_default();
    let TurnedBack {
        fields,
        problems,
        notice,
    } = form.turned_back.unwrap_or_default();
    view! {
        <PageMeta
            title=script.pick("投稿", "投稿")
            description=script.pick("向本站投稿：新闻线索、身边好人好事、志愿服务和文明实践活动。", "向本站投稿：新聞線索、身邊好人好事、志願服務和文明實踐活動。")
            site_name
            path="/submit"
        />
        <div class="columns">
            <section class="article main-column">
                <h1>{script.pick("投稿", "投稿")}</h1>
                <p>{script.pick(
                    "欢迎投稿反映本地精神文明建设的新闻、身边好人好事、志愿服务和文明实践活动。所有来稿经编辑审核后方可发布。",
                    "歡迎投稿反映本地精神文明建設的新聞、身邊好人好事、志願服務和文明實踐活動。所有來稿經編輯審核後方可發佈。",
                )}</p>
                {notice.map(|notice| view! { <p class="form-notice" role="alert">{notice.message(script)}</p> })}
                {(!problems.is_empty()).then(|| view! {
                    <p class="form-notice" role="alert">{script.pick("请修改标出的内容后再次提交。", "請修改標出的內容後再次提交。")}</p>
                })}
                <SubmissionForm script token=form.token categories fields problems/>
            </section>
            <Sidebar/>
        </div>
    }
}

/// The form itself, the page's island: once hydrated, each field is checked as it changes,
/// by the same rules the server applies. Everything it shows comes in as props, so a form the
/// server turned back hydrates with its text and problems intact.
#[island]
fn SubmissionForm(
    script: Script,
    token: String,
    categories: Vec<CategoryLink>,
    fields: ContributionFields,
    problems: Vec<(Field, Problem)>,
) -> impl IntoView {
    let slugs: Vec<String> = categories.iter().map(|c| c.slug.clone()).collect();
    // A handful of fields: a list is all it takes (and smaller in the bundle than a map).
    let shown: RwSignal<Vec<(Field, Problem)>> = RwSignal::new(problems);
    // Checks a field as it changes, with the server's own rules.
    let check = move |field: Field| {
        let slugs = slugs.clone();
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            let categories: Vec<&str> = slugs.iter().map(String::as_str).collect();
            let problem = check_text(field, &value, &categories);
            shown.update(|shown| {
                shown.retain(|(shown_field, _)| *shown_field != field);
                shown.extend(problem.map(|problem| (field, problem)));
            });
        }
    };
    let message_of = move |field: Field| {
        shown
            .read()
            .iter()
            .find(|(shown_field, _)| *shown_field == field)
            .map(|(_, problem)| problem.message(script))
    };
    let error_of = move |field: Field| move || message_of(field);
    let invalid = move |field: Field| move || message_of(field).map(|_| "true");
    let text_field = |field: Field, kind: &'static str, autocomplete: &'static str| {
        let id = format!("f-{}", field.key());
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{field.label(script)}</label>
                <input
                    id=id
                    type=kind
                    name=field.key()
                    value=fields.text(field).to_string()
                    autocomplete=autocomplete
                    required=field != Field::Organisation
                    aria-invalid=invalid(field)
                    aria-describedby=error_id.clone()
                    on:input=check(field)
                    on:change=check(field)
                />
                <p id=error_id class="field-error">{error_of(field)}</p>
            </div>
        }
    };
    view! {
                <form
                    class="contribute"
                    method="post"
                    action=script.href("/submit")
                    enctype="multipart/form-data"
                    novalidate
                >
                    <input type="hidden" name="token" value=token/>
                    // A field people never see: only a robot fills it in.
                    <div class="trap" aria-hidden="true">
                        <label for="f-website">"Website"</label>
                        <input id="f-website" name="website" tabindex="-1" autocomplete="off"/>
                    </div>
                    {text_field(Field::Name, "text", "name")}
                    {text_field(Field::Organisation, "text", "organization")}
                    {text_field(Field::Contact, "text", "email")}
                    <div class="field">
                        <label for="f-category">{Field::Category.label(script)}</label>
                        <select
                            id="f-category"
                            name="category"
                            required
                            aria-invalid=invalid(Field::Category)
                            aria-describedby="f-category-error"
                            on:change=check(Field::Category)
                        >
                            <option value="" selected=fields.category.is_empty()>{script.pick("请选择", "請選擇")}</option>
                            {categories.into_iter().map(|category| {
                                let selected = category.slug == fields.category;
                                view! { <option value=category.slug selected=selected>{category.name}</option> }
                            }).collect_view()}
                        </select>
                        <p id="f-category-error" class="field-error">{error_of(Field::Category)}</p>
                    </div>
                    {text_field(Field::Title, "text", "off")}
                    <div class="field">
                        <label for="f-body">{Field::Body.label(script)}</label>
                        <textarea
                            id="f-body"
                            name="body"
                            rows="14"
                            required
                            aria-invalid=invalid(Field::Body)
                            aria-describedby="f-body-hint f-body-error"
                            on:input=check(Field::Body)
                            on:change=check(Field::Body)
                            // Leptos writes a textarea's children unescaped (its content is
                            // raw text to HTML), so typed text could close the element and
                            // inject markup. Escaped here, it is the text again for the
                            // browser, on the server's page and when set in the browser.
                            inner_html=escape_text(&fields.body)
                        ></textarea>
                        <p id="f-body-hint" class="field-hint">{script.pick("段落之间空一行。可使用 Markdown。", "段落之間空一行。可使用 Markdown。")}</p>
                        <p id="f-body-error" class="field-error">{error_of(Field::Body)}</p>
                    </div>
                    <div class="field">
                        <label for="f-images">{Field::Images.label(script)}</label>
                        <input
                            id="f-images"
                            type="file"
                            name="images"
                            accept="image/jpeg,image/png,image/webp"
                            multiple
                            aria-describedby="f-images-hint f-images-error"
                        />
                        <p id="f-images-hint" class="field-hint">{images_hint(script)}</p>
                        <p id="f-images-error" class="field-error">{error_of(Field::Images)}</p>
                    </div>
                    <div class="field consent">
                        <input id="f-consent" type="checkbox" name="consent" value="yes" checked=fields.consent aria-describedby="f-consent-error"/>
                        <label for="f-consent">{script.pick(
                            "我确认稿件内容真实，图片为本人拍摄或已获授权，同意本站编辑修改并在本站发布。",
                            "我確認稿件內容真實，圖片為本人拍攝或已獲授權，同意本站編輯修改並在本站發佈。",
                        )}</label>
                        <p id="f-consent-error" class="field-error">{error_of(Field::Consent)}</p>
                    </div>
                    <button type="submit" class="submit-button">{script.pick("提交稿件", "提交稿件")}</button>
                </form>
    }
}

fn images_hint(script: Script) -> String {
    format!(
        "{}{MAX_IMAGES}{}{} MB{}",
        script.pick("可选，最多 ", "可選，最多 "),
        script.pick(
            " 张 JPEG、PNG 或 WebP 图片，每张不超过 ",
            " 張 JPEG、PNG 或 WebP 圖片，每張不超過 "
        ),
        MAX_IMAGE_BYTES / 1024 / 1024,
        script.pick(
            "。图片会重新压缩并去除拍摄信息。",
            "。圖片會重新壓縮並去除拍攝資訊。"
        ),
    )
}

/// `text` with `&`, `<` and `>` written as character references: what a textarea's content
/// must be for the browser to read back exactly `text`.
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape_text;

    #[test]
    fn textarea_text_cannot_close_its_element() {
        assert_eq!(
            escape_text("a & b</textarea><script>x</script>"),
            "a &amp; b&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape_text("正文\n第二段"), "正文\n第二段");
    }
}

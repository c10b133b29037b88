//! The 投稿 form's fields and the rules they must meet. One pure module, compiled for the
//! browser (checks as the person types) and for the server (the check that counts), so the
//! two can never disagree.

use serde::{Deserialize, Serialize};

use crate::script::Script;

/// How many images one contribution may carry.
pub const MAX_IMAGES: usize = 3;
/// The largest image file accepted, before it is re-encoded on the server.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// What a contributor types, as the form sends it (names are the form's field names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionFields {
    pub name: String,
    pub organisation: String,
    pub contact: String,
    pub category: String,
    pub title: String,
    pub body: String,
    pub consent: bool,
}

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Name,
    Organisation,
    Contact,
    Category,
    Title,
    Body,
    Consent,
    Images,
}

impl Field {
    /// The text fields in the order the form shows them.
    pub const TEXT: [Field; 6] = [
        Field::Name,
        Field::Organisation,
        Field::Contact,
        Field::Category,
        Field::Title,
        Field::Body,
    ];

    /// The form field's `name`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Organisation => "organisation",
            Field::Contact => "contact",
            Field::Category => "category",
            Field::Title => "title",
            Field::Body => "body",
            Field::Consent => "consent",
            Field::Images => "images",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::TEXT
            .into_iter()
            .chain([Field::Consent, Field::Images])
            .find(|field| field.key() == key)
    }

    /// Characters allowed, fewest and most (`None`: the field is not free text).
    fn length(self) -> Option<(usize, usize)> {
        match self {
            Field::Name => Some((1, 40)),
            Field::Organisation => Some((0, 80)),
            Field::Contact => Some((5, 100)),
            Field::Title => Some((4, 80)),
            Field::Body => Some((20, 20_000)),
            Field::Category | Field::Consent | Field::Images => None,
        }
    }

    /// The most bytes the server reads for this field: the character limit in UTF-8's worst
    /// case, so a longer part is refused before it is decoded.
    pub fn max_bytes(self) -> usize {
        self.length().map_or(64, |(_, most)| most * 4)
    }

    pub fn label(self, script: Script) -> &'static str {
        match self {
            Field::Name => script.pick("姓名", "姓名"),
            Field::Organisation => script.pick("单位", "單位"),
            Field::Contact => script.pick("电话或邮箱", "電話或郵箱"),
            Field::Category => script.pick("栏目", "欄目"),
            Field::Title => script.pick("标题", "標題"),
            Field::Body => script.pick("正文", "正文"),
            Field::Consent => script.pick("同意条款", "同意條款"),
            Field::Images => script.pick("图片", "圖片"),
        }
    }
}

/// Why a field is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort(usize),
    TooLong(usize),
    /// Control characters, or line breaks in a one-line field.
    BadCharacters,
    NotPhoneOrEmail,
    UnknownCategory,
    ConsentNeeded,
    TooManyImages,
    ImageTooLarge,
    /// The file is not a JPEG, PNG or WebP image, or cannot be read as one.
    NotAnImage,
}

impl Problem {
    pub fn message(&self, script: Script) -> String {
        match self {
            Problem::Required => script.pick("请填写此项。", "請填寫此項。").into(),
            Problem::TooShort(least) => {
                format!(
                    "{}{least}{}",
                    script.pick("至少 ", "至少 "),
                    script.pick(" 个字。", " 個字。")
                )
            }
            Problem::TooLong(most) => {
                format!(
                    "{}{most}{}",
                    script.pick("最多 ", "最多 "),
                    script.pick(" 个字。", " 個字。")
                )
            }
            Problem::BadCharacters => script
                .pick("含有不允许的字符。", "含有不允許的字元。")
                .into(),
            Problem::NotPhoneOrEmail => script
                .pick(
                    "请填写电话号码（数字，可含 + - 空格）或电子邮箱。",
                    "請填寫電話號碼（數字，可含 + - 空格）或電子郵箱。",
                )
                .into(),
            Problem::UnknownCategory => script.pick("请选择栏目。", "請選擇欄目。").into(),
            Problem::ConsentNeeded => script
                .pick("请阅读并同意投稿须知。", "請閱讀並同意投稿須知。")
                .into(),
            Problem::TooManyImages => format!(
                "{}{MAX_IMAGES}{}",
                script.pick("最多上传 ", "最多上傳 "),
                script.pick(" 张图片。", " 張圖片。")
            ),
            Problem::ImageTooLarge => format!(
                "{}{}{}",
                script.pick("每张图片不超过 ", "每張圖片不超過 "),
                MAX_IMAGE_BYTES / 1024 / 1024,
                " MB。"
            ),
            Problem::NotAnImage => script
                .pick(
                    "只接受 JPEG、PNG 或 WebP 格式的图片。",
                    "只接受 JPEG、PNG 或 WebP 格式的圖片。",
                )
                .into(),
        }
    }
}

/// Checks one text field. `categories` are the slugs a contribution may go to.
pub fn check_text(field: Field, value: &str, categories: &[&str]) -> Option<Problem> {
    let value = value.trim();
    let multi_line = field == Field::Body;
    let bad_character =
        |c: char| c.is_control() && !(multi_line && matches!(c, '\n' | '\r' | '\t'));
    if value.chars().any(bad_character) {
        return Some(Problem::BadCharacters);
    }
    if field == Field::Category {
        return (!categories.contains(&value)).then_some(Problem::UnknownCategory);
    }
    let (least, most) = field.length()?;
    let count = value.chars().count();
    if count == 0 && least > 0 {
        return Some(Problem::Required);
    }
    if count < least {
        return Some(Problem::TooShort(least));
    }
    if count > most {
        return Some(Problem::TooLong(most));
    }
    if field == Field::Contact && !is_phone_or_email(value) {
        return Some(Problem::NotPhoneOrEmail);
    }
    None
}

/// Checks every field; an empty list means the contribution may be accepted.
pub fn check_all(fields: &ContributionFields, categories: &[&str]) -> Vec<(Field, Problem)> {
    let mut problems: Vec<(Field, Problem)> = Field::TEXT
        .into_iter()
        .filter_map(|field| {
            check_text(field, fields.text(field), categories).map(|problem| (field, problem))
        })
        .collect();
    if !fields.consent {
        problems.push((Field::Consent, Problem::ConsentNeeded));
    }
    problems
}

impl ContributionFields {
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Organisation => &self.organisation,
            Field::Contact => &self.contact,
            Field::Category => &self.category,
            Field::Title => &self.title,
            Field::Body => &self.body,
            Field::Consent | Field::Images => "",
        }
    }

    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Name => Some(&mut self.name),
            Field::Organisation => Some(&mut self.organisation),
            Field::Contact => Some(&mut self.contact),
            Field::Category => Some(&mut self.category),
            Field::Title => Some(&mut self.title),
            Field::Body => Some(&mut self.body),
            Field::Consent | Field::Images => None,
        }
    }

    /// The same fields with surrounding white space removed, as they are stored.
    pub fn trimmed(mut self) -> ContributionFields {
        for field in Field::TEXT {
            if let Some(text) = self.text_mut(field) {
                *text = text.trim().to_string();
            }
        }
        self
    }
}

/// A phone number (7 to 20 digits, with `+`, `-`, spaces or parentheses) or an address
/// shaped like `someone@host.tld`. Only the shape is checked: an editor calls or writes back.
fn is_phone_or_email(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let phone = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'))
        && (7..=20).contains(&digits);
    let email = value.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !value
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ','))
            && !host.contains('@')
    });
    phone || email
}

/// Why a whole submission was turned back, beyond its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Sent within seconds of the form loading: people take longer.
    TooFast,
    /// The form was loaded long ago; nothing is lost, it only needs sending again.
    Expired,
    /// The hidden field was filled or the form's token was altered.
    Refused,
    /// Too many contributions from one address in a short time.
    TooMany,
    /// Saving failed on the server.
    NotSaved,
}

impl Notice {
    pub fn message(&self, script: Script) -> &'static str {
        match self {
            Notice::TooFast => script.pick(
                "提交过快。请检查内容后再次提交。",
                "提交過快。請檢查內容後再次提交。",
            ),
            Notice::Expired => script.pick(
                "表单已过期。内容已保留，请再次提交。",
                "表單已過期。內容已保留，請再次提交。",
            ),
            Notice::Refused => script.pick(
                "提交未通过自动检查，请再次提交。",
                "提交未通過自動檢查，請再次提交。",
            ),
            Notice::TooMany => script.pick(
                "同一地址提交过于频繁，请稍后再试。内容已保留。",
                "同一地址提交過於頻繁，請稍後再試。內容已保留。",
            ),
            Notice::NotSaved => script.pick(
                "保存失败，请稍后再试。内容已保留。",
                "保存失敗，請稍後再試。內容已保留。",
            ),
        }
    }
}

/// A submission the server turned back: what was typed (so nothing is lost) and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnedBack {
    pub fields: ContributionFields,
    pub problems: Vec<(Field, Problem)>,
    pub notice: Option<Notice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATEGORIES: [&str; 2] = ["news", "volunteer"];

    fn valid() -> ContributionFields {
        ContributionFields {
            name: "李明".into(),
            organisation: "东湖区志愿者协会".into(),
            contact: "0000-1234567".into(),
            category: "volunteer".into(),
            title: "社区志愿者清理河道".into(),
            body: "周六上午，东湖区三十余名志愿者沿河道清理垃圾，历时三个小时。".into(),
            consent: true,
        }
    }

    #[test]
    fn a_complete_contribution_passes() {
        assert_eq!(check_all(&valid(), &CATEGORIES), vec![]);
    }

    #[test]
    fn each_rule_names_its_field() {
        let cases: [(Field, &str, Problem); 14] = [
            (Field::Name, "", Problem::Required),
            (Field::Name, "   ", Problem::Required),
            (Field::Name, &"名".repeat(41), Problem::TooLong(40)),
            (Field::Name, "李\u{0}明", Problem::BadCharacters),
            (Field::Title, "短", Problem::TooShort(4)),
            (Field::Title, "一行\n两行标题", Problem::BadCharacters),
            (Field::Title, &"长".repeat(81), Problem::TooLong(80)),
            (Field::Body, "太短了", Problem::TooShort(20)),
            (Field::Body, &"字".repeat(20_001), Problem::TooLong(20_000)),
            (Field::Contact, "call me maybe", Problem::NotPhoneOrEmail),
            (Field::Contact, "123456", Problem::NotPhoneOrEmail),
            (Field::Contact, "li@ming", Problem::NotPhoneOrEmail),
            (Field::Contact, "<a@b.cn>", Problem::NotPhoneOrEmail),
            (Field::Category, "../site", Problem::UnknownCategory),
        ];
        for (field, value, problem) in cases {
            let mut fields = valid();
            if let Some(text) = fields.text_mut(field) {
                *text = value.to_string();
            }
            assert_eq!(
                check_all(&fields, &CATEGORIES),
                vec![(field, problem)],
                "{field:?} = {value:?}"
            );
        }
    }

    #[test]
    fn body_keeps_line_breaks_and_counts_characters_not_bytes() {
        let body = "第一段：志愿者清理河道。\n\n第二段：居民纷纷点赞。\t";
        assert_eq!(check_text(Field::Body, body, &CATEGORIES), None);
        // 20 Chinese characters are 60 bytes: still exactly the minimum.
        assert_eq!(check_text(Field::Body, &"字".repeat(20), &CATEGORIES), None);
    }

    #[test]
    fn contacts_are_phones_or_emails() {
        for good in [
            "0000-1234567",
            "+86 138 0000 0000",
            "(010) 1234-5678",
            "li.ming@qinghe.example",
        ] {
            assert_eq!(
                check_text(Field::Contact, good, &CATEGORIES),
                None,
                "{good}"
            );
        }
    }

    #[test]
    fn consent_is_required_and_organisation_is_not() {
        let mut fields = valid();
        fields.consent = false;
        fields.organisation.clear();
        assert_eq!(
            check_all(&fields, &CATEGORIES),
            vec![(Field::Consent, Problem::ConsentNeeded)]
        );
    }

    #[test]
    fn field_keys_round_trip_and_limits_cover_the_worst_utf8() {
        for field in Field::TEXT
            .into_iter()
            .chain([Field::Consent, Field::Images])
        {
            assert_eq!(Field::from_key(field.key()), Some(field));
        }
        assert_eq!(Field::from_key("website"), None);
        assert_eq!(Field::Body.max_bytes(), 80_000);
    }
}

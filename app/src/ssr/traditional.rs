//! Simplified → Traditional Chinese conversion for the reader-facing
//! "繁體" view (server only: the embedded OpenCC dictionaries are ~2 MB and
//! must never end up in the wasm bundle).
//!
//! How it works:
//!
//! 1. [`ferrous_opencc`] with the built-in `s2tw` configuration does the real
//!    work: OpenCC's phrase dictionary (STPhrases, ~49k phrases) picks the
//!    right character for one-to-many simplified characters (发 → 發/髮,
//!    干 → 幹/乾/干, 复 → 復/複/覆 …), then the Taiwan variant table turns
//!    OpenCC's "old-style" forms into the ones Taiwan/Hong Kong readers
//!    expect (羣衆 → 群眾, 爲 → 為, 啓 → 啟, 麪 → 麵, 裏 → 裡). It does *not*
//!    swap vocabulary (that is `s2twp`: 软件 → 軟體, 联系 → 聯絡), which a
//!    mainland news site must not do. The tables are compiled into the binary;
//!    nothing is read from disk or the network at run time.
//! 2. [`CORRECTIONS`], a small table of fixes for mistakes OpenCC is known to
//!    make on this kind of text, is applied to the library's *output*
//!    (leftmost-longest match, one pass, no overlaps). See the comment on the
//!    table for why the output side was chosen.
//!
//! Nothing here panics on any input: the library is initialised once, lazily,
//! behind a `LazyLock`; if that fails (or the library ever panics) the error is
//! logged and the text is returned unchanged, i.e. the reader sees Simplified
//! rather than an error page.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// Converts Simplified Chinese text to Traditional Chinese (Taiwan character
/// forms, no vocabulary substitution), phrase-aware.
///
/// ASCII, digits, punctuation, URLs and text that is already Traditional are
/// returned unchanged. Never panics; if the converter cannot be initialised
/// the input is returned as is (the failure is logged once).
pub fn to_traditional(simplified: &str) -> String {
    // Fast path: nothing to convert (markup-free ids, slugs, URLs, numbers).
    if simplified.is_ascii() {
        return simplified.to_owned();
    }
    let Some(converter) = CONVERTER.as_ref() else {
        return simplified.to_owned();
    };
    match catch_unwind(AssertUnwindSafe(|| converter.convert(simplified))) {
        Ok(converted) => CORRECTOR.apply(converted),
        Err(_) => {
            tracing::error!(
                chars = simplified.chars().count(),
                "OpenCC conversion panicked; serving the text unconverted"
            );
            simplified.to_owned()
        }
    }
}

/// Initialises the converter now instead of on the first request (call it
/// once at server start-up, e.g. from `spawn_blocking`; it takes a few ms).
/// Returns whether conversion is available.
pub fn warm_up() -> bool {
    LazyLock::force(&CORRECTOR);
    CONVERTER.is_some()
}

/// The OpenCC configuration used. `S2tw` = OpenCC phrases + characters, then
/// Taiwan character variants; see the module docs for why not s2t/s2hk/s2twp.
const CONFIG: BuiltinConfig = BuiltinConfig::S2tw;

static CONVERTER: LazyLock<Option<OpenCC>> = LazyLock::new(|| {
    match catch_unwind(|| OpenCC::from_config(CONFIG)) {
        Ok(Ok(converter)) => Some(converter),
        Ok(Err(error)) => {
            tracing::error!(%error, "cannot initialise OpenCC s2tw; Traditional view will show Simplified text");
            None
        }
        Err(_) => {
            tracing::error!(
                "OpenCC s2tw initialisation panicked; Traditional view will show Simplified text"
            );
            None
        }
    }
});

/// Fixes applied to the library's output: `(wrong Traditional, right Traditional)`.
///
/// Why the output side: the Traditional text carries more information than
/// the Simplified input (one simplified character stands for several
/// traditional ones), so a key can name exactly the wrong form — "睏難" is
/// never correct, while the input "爱困难" is only wrong in "关爱困难…". A key
/// also catches the mistake however the library got there: "斗爭" comes out of
/// 参加斗争, 伟大斗争, 与洪水斗争 … through a dozen different OpenCC phrases
/// (加斗, 大斗, 水斗 …) that swallow the 斗 of 斗争; an input-side table would
/// have to list each one, and rewriting the input would also change how the
/// library segments the surrounding text. Already-Traditional input goes
/// through the same table, which is harmless because every key is a form that
/// is wrong in Traditional text too.
///
/// Rules for entries: key and value have the same number of characters (the
/// conversion is length-preserving; a test checks it); an entry whose value
/// equals its key is a *guard*: it starts earlier than a fix (合併為 vs 併為)
/// or at the same place but is longer (點贊助 vs 點贊), so it wins the
/// leftmost-longest match and keeps a legitimate sequence intact. Every entry
/// is exercised by a unit test. Most of the fixes are for OpenCC's
/// greedy longest-match swallowing the first character of the next word
/// (OpenCC itself does the same; this is not a port bug).
pub const CORRECTIONS: &[(&str, &str)] = &[
    // ── 斗争 ──
    // OpenCC phrases 加斗 / 大斗 / 水斗 / 火斗 … (a 斗 of grain) take the 斗 of
    // 斗争: 千万人参加斗争 → 千萬人參加斗爭, 伟大斗争 → 偉大斗爭.
    ("斗爭", "鬥爭"),
    // 南北斗争 is segmented 南 + 北斗 + 争 → 南北斗爭 (and must beat the guard below).
    ("南北斗爭", "南北鬥爭"),
    // Guard: BeiDou satellites, 北斗争取/北斗争夺 → 北斗爭取 is right.
    ("北斗爭", "北斗爭"),
    // ── 征程 ──
    // OpenCC phrase 新征 (新徵, newly levied) takes the 征 of 征程/征途:
    // 奋进新征程 → 奮進新徵程.
    ("徵程", "征程"),
    ("徵途", "征途"),
    // ── 带头发挥 … ──
    // OpenCC phrase 头发 (頭髮, hair) takes the 发 of 发挥/发言/发布…:
    // 带头发挥作用 → 帶頭髮揮作用, 牵头发布 → 牽頭髮布.
    // Generic: 頭髮 + a character that never follows "hair".
    ("頭髮揮", "頭發揮"),
    ("頭髮言", "頭發言"),
    ("頭髮力", "頭發力"),
    ("頭髮展", "頭發展"),
    // 发布 split as 头发 + 布 also loses OpenCC's 發佈 (cf. 发布 → 發佈 elsewhere).
    ("頭髮布", "頭發佈"),
    // 带头/牵头 + 发…: "with/pulling hair" does not occur in news copy, so every
    // following 发 is 發 (带头发扬, 带头发起, 牵头发起, 带头发表 …).
    ("帶頭髮", "帶頭發"),
    ("帶頭髮布", "帶頭發佈"),
    ("牽頭髮", "牽頭發"),
    ("牽頭髮布", "牽頭發佈"),
    // 在街头发放宣传资料 → 街頭髮放 (頭髮放 alone could be "let the hair down").
    ("街頭髮放", "街頭發放"),
    // ── 并 as a conjunction ──
    // OpenCC phrases 并为 / 并成 / 并发 / 并到 / 并力 / 并合 (併, "merge") take
    // the conjunction 并 (並): ，并为群众… → ，併為群眾…
    ("併為", "並為"),
    ("併成為", "並成為"),
    ("併發出", "並發出"),
    ("併發放", "並發放"),
    ("併發布", "並發佈"),
    ("併到", "並到"),
    ("併力爭", "並力爭"),
    ("併合影", "並合影"),
    // Guards: 合并为 / 合并成为 / 合并到 really are 併 ("merge").
    ("合併為", "合併為"),
    ("兼併為", "兼併為"),
    ("歸併為", "歸併為"),
    ("吞併為", "吞併為"),
    ("合併成為", "合併成為"),
    ("合併到", "合併到"),
    ("歸併到", "歸併到"),
    // ── 志愿 ──
    // OpenCC phrases 县志 / 日志 (縣誌, 日誌: annals, log) take the 志 of 志愿:
    // 北原县志愿者 → 北原縣誌願者, 节日志愿服务 → 節日誌願服務.
    ("誌願者", "志願者"),
    ("誌願服", "志願服"),
    // ── 困难 ──
    // OpenCC phrase 爱困 (愛睏, sleepy) takes the 困 of 困难/困境:
    // 关爱困难群众 → 關愛睏難群眾.
    ("睏難", "困難"),
    ("睏境", "困境"),
    // ── 几 ──
    // OpenCC phrase 长几 (長几, a long side table) takes the 几 of 几经/几个/几倍:
    // 家长几经打听 → 家長几經打聽, 增长几倍 → 增長几倍.
    ("長几", "長幾"),
    // ── 表 ──
    // OpenCC phrase 对表 (對錶, set one's watch) takes the 表 of 表现/表彰/表达
    // and of the cliché 对标对表: 对表现突出的 → 對錶現突出的.
    ("對錶", "對表"),
    // ── 托 ──
    // OpenCC writes 託 (entrust) where the sense is "hold up / support";
    // Taiwan and Hong Kong write 托兒所, 托舉, 托底.
    ("託兒所", "托兒所"),
    ("託舉", "托舉"),
    ("託底", "托底"),
    // ── 点赞 ──
    // 赞 defaults to 贊, but the "like" of 点赞/集赞 is written 讚 in Taiwan and
    // Hong Kong: 为文明点赞 → 為文明點贊.
    ("點贊", "點讚"),
    ("點個贊", "點個讚"),
    ("集贊", "集讚"),
    // Guards: 重点赞助 / 一点赞同 / 重点赞成 are 點 + 贊助/贊同/贊成.
    ("點贊助", "點贊助"),
    ("點贊同", "點贊同"),
    ("點贊成", "點贊成"),
    // ── 面 ──
    // A lone 面 in a list of staples is flour/noodles, which OpenCC cannot
    // know: 送去米、面、油 → 米、面、油 (米面油 itself is handled by OpenCC).
    ("米、面、", "米、麵、"),
    // ── 只只 ──
    // The reduplicated measure word 一只只 (one after another): OpenCC's phrase 一只
    // converts the first 只 only: 一只只红马甲 → 一隻只紅馬甲.
    ("一隻只", "一隻隻"),
    // Guard: 一隻只有三條腿 ("the one only has …") is 隻 + 只有.
    ("一隻只有", "一隻只有"),
    // ── Character-form preferences ──
    // OpenCC phrase 家具 → 傢俱; Taiwan's standard form (and Hong Kong usage)
    // is 家具: 清理废弃家具 → 廢棄傢俱.
    ("傢俱", "家具"),
    // TWVariants maps 污 → 汙 (Taiwan's Ministry of Education form), but 污
    // is what Hong Kong uses and what Taiwan mostly prints (空氣污染防制法):
    // 环境污染 → 環境汙染. Drop this entry to follow the MOE form.
    ("汙", "污"),
];

static CORRECTOR: LazyLock<Corrector> = LazyLock::new(|| Corrector::new(CORRECTIONS));

/// Leftmost-longest, non-overlapping, single-pass replacement of
/// [`CORRECTIONS`]. Small enough that an index by first character beats
/// pulling in a dependency: a position whose character starts no key costs one
/// binary search over a few dozen chars.
struct Corrector {
    /// (first character of a key, entries starting with it, longest key
    /// first), sorted by character.
    by_first_char: Vec<(char, Vec<(&'static str, &'static str)>)>,
}

impl Corrector {
    fn new(table: &'static [(&'static str, &'static str)]) -> Self {
        let mut by_first_char: Vec<(char, Vec<(&'static str, &'static str)>)> = Vec::new();
        for &(from, to) in table {
            let Some(first) = from.chars().next() else {
                continue;
            };
            match by_first_char.binary_search_by_key(&first, |(c, _)| *c) {
                Ok(i) => by_first_char[i].1.push((from, to)),
                Err(i) => by_first_char.insert(i, (first, vec![(from, to)])),
            }
        }
        for (_, entries) in &mut by_first_char {
            entries.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        }
        Self { by_first_char }
    }

    fn apply(&self, text: String) -> String {
        let mut out: Option<String> = None;
        let mut pos = 0;
        while let Some(ch) = text[pos..].chars().next() {
            let rest = &text[pos..];
            let hit = self
                .by_first_char
                .binary_search_by_key(&ch, |(c, _)| *c)
                .ok()
                .and_then(|i| {
                    self.by_first_char[i]
                        .1
                        .iter()
                        .find(|(from, _)| rest.starts_with(from))
                });
            match hit {
                Some(&(from, to)) => {
                    out.get_or_insert_with(|| {
                        let mut s = String::with_capacity(text.len() + 8);
                        s.push_str(&text[..pos]);
                        s
                    })
                    .push_str(to);
                    pos += from.len();
                }
                None => {
                    if let Some(s) = out.as_mut() {
                        s.push(ch);
                    }
                    pos += ch.len_utf8();
                }
            }
        }
        out.unwrap_or(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words from the brief's list, plus a few the corpus review turned up.
    const WORDS: &[(&str, &str)] = &[
        ("主持并讲话", "主持並講話"),
        ("筑牢", "築牢"),
        ("关于", "關於"),
        ("头发", "頭髮"),
        ("人民群众", "人民群眾"),
        ("千万人参加斗争", "千萬人參加鬥爭"),
        ("为人民服务", "為人民服務"),
        ("启用", "啟用"),
        ("面条", "麵條"),
        ("里面", "裡面"),
        ("后来", "後來"),
        ("皇后", "皇后"),
        ("发展", "發展"),
        ("干部", "幹部"),
        ("干净", "乾淨"),
        ("一只", "一隻"),
        ("只有", "只有"),
        ("志愿者", "志願者"),
        ("文明实践", "文明實踐"),
        ("台风", "颱風"),
        ("范围", "範圍"),
        ("复习", "複習"),
        ("恢复", "恢復"),
        ("钟表", "鐘錶"),
        ("历史", "歷史"),
        ("日历", "日曆"),
        ("松树", "松樹"),
        ("放松", "放鬆"),
        ("系统", "系統"),
        ("联系", "聯繫"),
        ("出发", "出發"),
        ("理发", "理髮"),
        ("云南", "雲南"),
        ("须知", "須知"),
        ("胡须", "鬍鬚"),
        // Not Taiwan vocabulary (that would be s2twp): 软件 stays 軟件.
        ("软件", "軟件"),
        ("公里", "公里"),
        ("一刻也不能松懈", "一刻也不能鬆懈"),
    ];

    /// Sentences in the site's register, expected output written by hand,
    /// character by character.
    const SENTENCES: &[(&str, &str)] = &[
        (
            "市委副书记主持会议并讲话，要求进一步筑牢防线，全力守护人民群众生命健康安全。",
            "市委副書記主持會議並講話，要求進一步築牢防線，全力守護人民群眾生命健康安全。",
        ),
        (
            "3月5日上午，市文明办组织志愿者走进社区，开展“学雷锋”志愿服务活动，为老年人理发、测量血压。",
            "3月5日上午，市文明辦組織志願者走進社區，開展“學雷鋒”志願服務活動，為老年人理髮、測量血壓。",
        ),
        (
            "关于开展2024年度文明单位复查工作的通知",
            "關於開展2024年度文明單位複查工作的通知",
        ),
        (
            "会议指出，要把创建全国文明城市作为一项系统工程，持续巩固提升创建成果。",
            "會議指出，要把創建全國文明城市作為一項系統工程，持續鞏固提升創建成果。",
        ),
        (
            "志愿者们冒着严寒在路口执勤，劝导行人遵守交通规则。",
            "志願者們冒著嚴寒在路口執勤，勸導行人遵守交通規則。",
        ),
        (
            "本次活动共发放宣传资料1200余份，受理群众咨询300余人次。",
            "本次活動共發放宣傳資料1200餘份，受理群眾諮詢300餘人次。",
        ),
        (
            "详情请访问 https://www.example.gov.cn/wmb/2024/notice_01.html 或拨打热线电话12345。",
            "詳情請訪問 https://www.example.gov.cn/wmb/2024/notice_01.html 或撥打熱線電話12345。",
        ),
        (
            "市民朋友们：为营造干净整洁的节日环境，请不要随意丢弃垃圾，文明燃放烟花爆竹。",
            "市民朋友們：為營造乾淨整潔的節日環境，請不要隨意丟棄垃圾，文明燃放煙花爆竹。",
        ),
        (
            "表彰大会上，一批道德模范和身边好人受到表彰，其中有连续十年照顾瘫痪邻居的退休干部。",
            "表彰大會上，一批道德模範和身邊好人受到表彰，其中有連續十年照顧癱瘓鄰居的退休幹部。",
        ),
        (
            "据了解，今年以来全市累计注册志愿者达52.6万人，志愿服务时长超过1000万小时。",
            "據瞭解，今年以來全市累計註冊志願者達52.6萬人，志願服務時長超過1000萬小時。",
        ),
        (
            "他在发言中表示，将以此次会议为契机，扎实做好各项工作。",
            "他在發言中表示，將以此次會議為契機，紮實做好各項工作。",
        ),
        (
            "市委常委、宣传部部长出席并致辞。",
            "市委常委、宣傳部部長出席並致辭。",
        ),
        (
            "社区里面的公共设施已全面更新，居民出行更加方便。",
            "社區裡面的公共設施已全面更新，居民出行更加方便。",
        ),
        (
            "截至目前，已累计发放爱心面条、饺子等物资两千余份。",
            "截至目前，已累計發放愛心麵條、餃子等物資兩千餘份。",
        ),
        // The following exercise CORRECTIONS.
        ("一只只红马甲出现在路口", "一隻隻紅馬甲出現在路口"),
        ("这里一只只有三条腿的猫", "這裡一隻只有三條腿的貓"),
        (
            "党员干部要带头发挥先锋模范作用，关爱困难群众。",
            "黨員幹部要帶頭發揮先鋒模範作用，關愛困難群眾。",
        ),
        (
            "北原县志愿者协会对表现突出的志愿者进行表彰，并为他们颁发证书。",
            "北原縣志願者協會對表現突出的志願者進行表彰，並為他們頒發證書。",
        ),
        (
            "奋进新征程，敢于斗争、善于斗争，坚决打赢这场伟大斗争。",
            "奮進新征程，敢於鬥爭、善於鬥爭，堅決打贏這場偉大鬥爭。",
        ),
        (
            "少年家长几经打听，终于联系上了失主。",
            "少年家長幾經打聽，終於聯繫上了失主。",
        ),
        (
            "节日志愿服务队走进敬老院，为老人送去米、面、油等生活物资，并合影留念。",
            "節日志願服務隊走進敬老院，為老人送去米、麵、油等生活物資，並合影留念。",
        ),
        (
            "市文明办牵头发布倡议，号召广大市民为文明点赞。",
            "市文明辦牽頭發佈倡議，號召廣大市民為文明點讚。",
        ),
        (
            "社区清理废弃家具，减少环境污染。",
            "社區清理廢棄家具，減少環境污染。",
        ),
        (
            "志愿者在街头发放宣传资料，并发出倡议。",
            "志願者在街頭發放宣傳資料，並發出倡議。",
        ),
        (
            "将两个社区合并为一个，并成为全市首个试点。",
            "將兩個社區合併為一個，並成為全市首個試點。",
        ),
    ];

    /// One case per CORRECTIONS entry not already covered above, including
    /// the guards (which must leave the library's correct output alone).
    const CORRECTION_CASES: &[(&str, &str)] = &[
        ("与洪水斗争", "與洪水鬥爭"),
        ("南北斗争", "南北鬥爭"),
        ("北斗争取年内完成组网", "北斗爭取年內完成組網"),
        ("踏上新征途", "踏上新征途"),
        ("发挥龙头发展作用", "發揮龍頭發展作用"),
        ("口头发言", "口頭發言"),
        ("口头发布通知", "口頭發佈通知"),
        ("要让龙头发挥带动作用", "要讓龍頭發揮帶動作用"),
        ("带头发声", "帶頭發聲"),
        ("从源头发力", "從源頭發力"),
        ("党员带头发扬优良传统", "黨員帶頭發揚優良傳統"),
        ("带头发布", "帶頭發佈"),
        ("由市文明办牵头发起", "由市文明辦牽頭發起"),
        ("剪头发", "剪頭髮"),
        ("头发花白", "頭髮花白"),
        ("并发布通知", "並發佈通知"),
        ("并发放慰问品", "並發放慰問品"),
        ("并到现场查看", "並到現場查看"),
        ("并力争年底前完成", "並力爭年底前完成"),
        ("合并到一起", "合併到一起"),
        ("兼并为", "兼併為"),
        ("归并为", "歸併為"),
        ("吞并为", "吞併為"),
        ("归并到", "歸併到"),
        ("合并成为", "合併成為"),
        ("并购", "併購"),
        ("并发症", "併發症"),
        ("关爱困境儿童", "關愛困境兒童"),
        ("增长几倍", "增長幾倍"),
        ("对标对表", "對標對表"),
        ("对表彰对象进行公示", "對表彰對象進行公示"),
        ("托儿所", "托兒所"),
        ("托举希望", "托舉希望"),
        ("兜底托底", "兜底托底"),
        ("点个赞", "點個讚"),
        ("集赞", "集讚"),
        ("重点赞助单位", "重點贊助單位"),
        ("一点赞同的意思都没有", "一點贊同的意思都沒有"),
        ("重点赞成", "重點贊成"),
        ("大米、面粉", "大米、麵粉"),
        ("5平方米、面积", "5平方米、面積"),
        ("米面油", "米麵油"),
        ("污水", "污水"),
    ];

    const PASSTHROUGH: &[&str] = &[
        "",
        "Hello, World! 123 <a href=\"https://example.com/?q=1&b=2#x\">link</a>",
        "2024-06-01T08:00:00+08:00",
        "１２３，。！？“”‘’《》（）【】——……·、；：",
        "🎉😀 ©®™ αβγ ДЖ こんにちは カタカナ",
        "tab\tnew\nline\r\n\u{0}end",
        "中文\u{0}\t混排 ASCII",
        // Already Traditional (Taiwan forms).
        "市委副書記主持會議並講話，要求進一步築牢防線，全力守護人民群眾生命健康安全。",
        "為人民服務，志願者們在社區裡面發放宣傳資料。",
        "頭髮 乾淨 後來 皇后 發展 幹部 一隻 只有 颱風 範圍 複習 恢復 鐘錶 歷史 日曆",
        "松樹 放鬆 系統 聯繫 出發 理髮 雲南 須知 鬍鬚 麵條 啟用 裡面 千萬人參加鬥爭",
    ];

    fn check(cases: &[(&str, &str)]) {
        let mut failures = Vec::new();
        for &(input, expected) in cases {
            let got = to_traditional(input);
            if got != expected {
                failures.push(format!("{input}\n   got {got}\n  want {expected}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failing:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn converter_initialises() {
        assert!(warm_up(), "OpenCC s2tw failed to initialise");
    }

    #[test]
    fn words() {
        check(WORDS);
    }

    #[test]
    fn sentences() {
        check(SENTENCES);
    }

    #[test]
    fn corrections() {
        check(CORRECTION_CASES);
    }

    #[test]
    fn passthrough() {
        for &text in PASSTHROUGH {
            assert_eq!(to_traditional(text), text);
        }
    }

    #[test]
    fn corrections_table_is_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for &(from, to) in CORRECTIONS {
            assert!(!from.is_empty(), "empty key");
            assert!(seen.insert(from), "duplicate key {from}");
            assert_eq!(
                from.chars().count(),
                to.chars().count(),
                "{from} → {to} changes length"
            );
            assert!(from.chars().all(|c| !c.is_ascii()), "{from}: ASCII in key");
        }
    }

    /// Every fixing entry must be exercised by some test input; otherwise it
    /// is dead data nobody has looked at.
    #[test]
    fn every_correction_is_exercised() {
        let inputs: Vec<&str> = WORDS
            .iter()
            .chain(SENTENCES)
            .chain(CORRECTION_CASES)
            .map(|&(input, _)| input)
            .collect();
        let converter = CONVERTER.as_ref().expect("converter");
        let raw: String = inputs.iter().map(|s| converter.convert(s) + "\n").collect();
        for &(from, to) in CORRECTIONS {
            assert!(
                raw.contains(from),
                "no test input makes OpenCC produce {from} (→ {to})"
            );
        }
    }

    /// No panic on arbitrary input; conversion keeps the character count and
    /// leaves every non-CJK character in place.
    #[test]
    fn arbitrary_input_is_safe() {
        let pool: Vec<char> = "发干只面里斗参征后台复系松历钟范须云余于周赞汇并头困几表托米、，。 aZ09/:?#\t\n😀é\u{0}\u{FFFF}\u{10FFFF}"
            .chars()
            .chain(('\u{4E00}'..='\u{4E80}').step_by(3))
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2_000 {
            let len = (state % 40) as usize;
            let mut input = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                input.push(pool[(state % pool.len() as u64) as usize]);
            }
            let output = to_traditional(&input);
            let (a, b): (Vec<char>, Vec<char>) =
                (input.chars().collect(), output.chars().collect());
            assert_eq!(a.len(), b.len(), "{input:?} → {output:?}");
            for (x, y) in a.iter().zip(&b) {
                if !('\u{3400}'..='\u{9FFF}').contains(x) {
                    assert_eq!(x, y, "{input:?} → {output:?}");
                }
            }
        }
    }

    #[test]
    fn long_text_converts() {
        let article = SENTENCES
            .iter()
            .map(|&(s, _)| s)
            .collect::<Vec<_>>()
            .join("\n")
            .repeat(20);
        let expected = SENTENCES
            .iter()
            .map(|&(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n")
            .repeat(20);
        let got = to_traditional(&article);
        assert!(
            got == expected,
            "long text differs from the per-sentence results"
        );
    }
}

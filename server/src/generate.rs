//! `wenming generate`: a deterministic demo corpus of any size, for benchmarks and load
//! tests. The same count and seed always write the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Categories of the generated site: (slug, name).
const CATEGORIES: [(&str, &str); 8] = [
    ("news", "新闻动态"),
    ("creation", "文明创建"),
    ("volunteer", "志愿服务"),
    ("models", "道德模范"),
    ("practice", "文明实践"),
    ("campus", "校园文明"),
    ("family", "家风家教"),
    ("notices", "通知公告"),
];

const PLACES: [&str; 12] = [
    "青禾市",
    "东湖区",
    "西岭区",
    "南桥街道",
    "北苑社区",
    "高新区",
    "临水县",
    "白沙镇",
    "枫林村",
    "市文明办",
    "团市委",
    "市妇联",
];
const ACTIONS: [&str; 10] = [
    "开展", "举办", "启动", "推进", "召开", "部署", "表彰", "组织", "深化", "总结",
];
const TOPICS: [&str; 16] = [
    "文明城市创建推进会",
    "志愿服务进社区活动",
    "“我们的节日”主题活动",
    "道德模范事迹报告会",
    "垃圾分类宣传周",
    "文明交通劝导行动",
    "新时代文明实践站建设",
    "家风家教故事分享会",
    "未成年人思想道德建设工作",
    "移风易俗倡议活动",
    "诚信建设万里行",
    "全民阅读推广活动",
    "敬老爱老志愿服务",
    "文明餐桌行动",
    "网络文明宣传",
    "学雷锋志愿服务月",
];
const SENTENCES: [&str; 12] = [
    "活动现场气氛热烈，居民群众积极参与。",
    "相关负责同志介绍了近期工作进展和下一步安排。",
    "志愿者们分组走进街巷，开展宣传和服务。",
    "与会人员围绕重点任务进行了深入交流。",
    "此次活动进一步营造了崇德向善的良好氛围。",
    "各单位将结合实际，细化措施，抓好落实。",
    "现场还设置了咨询台，为群众答疑解惑。",
    "大家纷纷表示，要从身边小事做起，争做文明市民。",
    "据统计，今年以来全市累计开展相关活动三百余场。",
    "下一步，将持续完善长效机制，巩固创建成果。",
    "活动得到了辖区企业和社会组织的大力支持。",
    "参与群众表示收获很大，希望今后多举办类似活动。",
];

/// The cover every illustrated article shares: a 1×1 PNG (the pages reserve the space from
/// its size, so the benchmark measures markup, not images).
const COVER: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
const COVER_PATH: &str = "covers/generated.png";

/// SplitMix64: a small, well-mixed generator, so the corpus needs no dependency and never
/// changes with one.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The site.toml of a generated corpus.
pub fn site_toml(per_page: usize) -> String {
    let mut text = format!(
        "name = \"青禾文明网（测试数据）\"\n\
         description = \"由 wenming generate 生成的测试站点。\"\n\
         hosts = [\"青禾市文明办\"]\n\
         copyright = \"青禾文明网 版权所有\"\n\
         per_page = {per_page}\n"
    );
    for (slug, name) in CATEGORIES {
        let _ = write!(
            text,
            "\n[[categories]]\nslug = \"{slug}\"\nname = \"{name}\"\n"
        );
    }
    text
}

/// Article number `n` (1-based) of a corpus of `total`: its path below `articles/` and its
/// file. Dates run from 2016 onwards, one article every 45 minutes; every 40th is
/// recommended, every 60th a headline, every 500th a slide; every 20th has a cover.
pub fn article(n: u64, seed: u64) -> (PathBuf, String) {
    let mut random = Random(seed ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03));
    // 2016-01-01T00:00:00+08:00 plus n × 45 minutes.
    let start = 1_451_577_600_i64;
    let unix = start + i64::try_from(n).unwrap_or(i64::MAX / 2_700) * 2_700;
    let date = chrono_like(unix);
    let (slug, _) = CATEGORIES[random.below(CATEGORIES.len())];
    let title = format!(
        "{}{}{}",
        random.pick(&PLACES),
        random.pick(&ACTIONS),
        random.pick(&TOPICS)
    );
    let mut text = format!(
        "+++\nid = {n}\ntitle = \"{title}\"\ndate = {}\nsource = \"青禾日报\"\nauthor = \"记者{}\"\neditor = \"编辑{}\"\ncategory = \"{slug}\"\n",
        date.timestamp,
        random.below(90) + 10,
        random.below(90) + 10,
    );
    if n.is_multiple_of(20) {
        let _ = writeln!(text, "cover = \"{COVER_PATH}\"");
    }
    for (flag, every) in [("recommended", 40), ("headline", 60), ("slide", 500)] {
        if n.is_multiple_of(every) {
            let _ = writeln!(text, "{flag} = true");
        }
    }
    text.push_str("+++\n");
    for _ in 0..(3 + random.below(4)) {
        text.push('\n');
        for _ in 0..(3 + random.below(4)) {
            text.push_str(random.pick(&SENTENCES));
        }
        text.push('\n');
    }
    let path = PathBuf::from(format!("{}/{}/{n}.md", date.year, date.month));
    (path, text)
}

struct Date {
    year: String,
    month: String,
    timestamp: String,
}

/// A Unix time as a TOML date-time in China's offset, with the date parts for the folder.
fn chrono_like(unix: i64) -> Date {
    let local = unix + 8 * 3600;
    let days = local.div_euclid(86_400);
    let seconds = local.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: format!("{year:04}"),
        month: format!("{month:02}"),
        timestamp: format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:00+08:00",
            seconds / 3600,
            seconds % 3600 / 60
        ),
    }
}

/// Writes a corpus of `count` articles into `out`, which must not exist or be empty.
pub fn generate(out: &Path, count: u64, seed: u64, progress: bool) -> io::Result<()> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; give a new folder", out.display()),
        ));
    }
    fs::create_dir_all(out.join("articles"))?;
    fs::create_dir_all(out.join("media/covers"))?;
    fs::write(out.join("media").join(COVER_PATH), COVER)?;
    // Ten a page, as the demo: the largest category then has more than 1,000 pages.
    fs::write(out.join("site.toml"), site_toml(10))?;
    let mut bar = Progress::new(count, progress);
    for n in 1..=count {
        let (path, text) = article(n, seed);
        let path = out.join("articles").join(path);
        if let Some(folder) = path.parent()
            && !folder.is_dir()
        {
            fs::create_dir_all(folder)?;
        }
        fs::write(path, text)?;
        bar.advance(n);
    }
    bar.finish();
    Ok(())
}

/// A one-line progress bar on standard error.
struct Progress {
    total: u64,
    shown: bool,
    last_percent: u64,
}

impl Progress {
    fn new(total: u64, shown: bool) -> Progress {
        Progress {
            total: total.max(1),
            shown,
            last_percent: u64::MAX,
        }
    }

    fn advance(&mut self, done: u64) {
        let percent = done * 100 / self.total;
        if !self.shown || percent == self.last_percent {
            return;
        }
        self.last_percent = percent;
        let filled = usize::try_from(percent / 4).unwrap_or(25);
        let mut stderr = io::stderr();
        let _ = write!(
            stderr,
            "\r[{}{}] {percent:3}% {done}/{} articles",
            "#".repeat(filled),
            " ".repeat(25 - filled),
            self.total
        );
        let _ = stderr.flush();
    }

    fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

/// `wenming generate`.
pub fn run(out: &Path, count: u64, seed: u64) -> ExitCode {
    let started = std::time::Instant::now();
    match generate(
        out,
        count,
        seed,
        io::stderr().is_terminal() || count >= 1000,
    ) {
        Ok(()) => {
            println!(
                "{}: {count} articles written in {:.1} s",
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_dates_in_china() {
        assert_eq!(
            chrono_like(1_451_577_600).timestamp,
            "2016-01-01T00:00:00+08:00"
        );
        assert_eq!(
            chrono_like(1_709_222_400).timestamp,
            "2024-03-01T00:00:00+08:00"
        );
        let leap = chrono_like(1_709_136_000);
        assert_eq!(leap.timestamp, "2024-02-29T00:00:00+08:00");
        assert_eq!((leap.year.as_str(), leap.month.as_str()), ("2024", "02"));
    }

    #[test]
    fn the_same_seed_writes_the_same_corpus() {
        assert_eq!(article(17, 1), article(17, 1));
        assert_ne!(article(17, 1).1, article(17, 2).1);
        assert_ne!(article(17, 1).1, article(18, 1).1);
    }

    #[test]
    fn a_generated_corpus_loads_without_a_problem() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let out = folder.path().join("corpus");
        generate(&out, 1000, 7, false).expect("generate");
        let (store, problems) = store::Store::open(&out).expect("the corpus loads");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(store.len(), 1000);
        assert_eq!(store.list(store::Listing::Slides, 0, 10).total, 2);
        assert_eq!(store.list(store::Listing::Headlines, 0, 100).total, 16);
        assert!(
            generate(&out, 1, 7, false).is_err(),
            "refuses a folder with content"
        );
    }
}

//! `wenming check` as an operator runs it.

use std::path::Path;
use std::process::Command;

fn check(folder: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_wenming"))
        .arg("check")
        .arg(folder)
        .output()
        .expect("run wenming");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code(), text)
}

#[test]
fn check_lists_every_problem_and_fails() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/site");
    let (code, output) = check(&fixture);
    assert_eq!(code, Some(1), "{output}");
    for expected in [
        "typo.md:6: unknown field `catgory`",
        "no-fence.md:1: the file must start with front matter",
        "not-utf8.md:3: the file is not valid UTF-8",
        "bad-category.md: category \"sports\" is not in site.toml",
        "duplicate.md: id 1 is already used by",
        "missing-cover.md: cover image media/covers/nowhere.png does not exist",
        "4 articles loaded, 6 problems",
    ] {
        assert!(
            output.contains(expected),
            "missing {expected:?} in:\n{output}"
        );
    }
}

#[test]
fn check_passes_the_demo_content() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let (code, output) = check(&demo);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains(" 0 problems"), "{output}");
}

#[test]
fn check_refuses_a_folder_that_is_not_a_site() {
    let empty = tempfile::tempdir().expect("temp dir");
    let (code, output) = check(empty.path());
    assert_eq!(code, Some(2), "{output}");
    assert!(output.contains("site.toml"), "{output}");
}

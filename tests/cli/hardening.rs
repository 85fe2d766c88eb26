//! Bad input and faults (issue 7, first part): each case asserts the exact message and exit
//! code, and that nothing is half-written.

use super::{jjj, jjj_seeds};
use std::path::Path;

/// A corpus directory holding one document `a.txt` with `bytes`.
fn one_document(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), bytes).expect("write");
    dir
}

fn shown(dir: &Path) -> String {
    dir.join("a.txt").display().to_string()
}

#[test]
fn an_empty_document_is_a_warning() {
    let dir = one_document(b"");
    jjj_seeds(dir.path(), &["build"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "Warning [empty-document] {}: the document is empty",
            shown(dir.path())
        )));
}

#[test]
fn a_document_of_page_furniture_only_is_a_warning() {
    let dir = one_document("【 第1頁 第2頁 】\n\n分享:\n".as_bytes());
    jjj_seeds(dir.path(), &["build"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "Warning [no-text] {}: nothing is left after normalization (33 bytes of page furniture, annotations or blanks)",
            shown(dir.path())
        )));
}

#[test]
fn a_binary_file_is_refused_with_its_offset() {
    let dir = one_document(b"abc\x00\x01\x02");
    jjj_seeds(dir.path(), &["build"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "jjj: {}: looks like a binary file (NUL byte at offset 3), not a text document\n",
            shown(dir.path())
        ));
}

#[test]
fn unbalanced_brackets_and_quotes_end_at_the_line() {
    let dir = one_document("《京津冀协同发展规划纲要\n雄安新区“建设\n".as_bytes());
    let out = jjj_seeds(dir.path(), &["build", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(summary["documents"][0]["sentences"], 2, "{summary}");
}

#[test]
fn a_document_of_pinyin_annotations_only_does_not_fail() {
    let dir = one_document("協(xié)(xié)(tóng)\n(fā)(zhǎn)\n".as_bytes());
    let out = jjj_seeds(dir.path(), &["build", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let n = &summary["documents"][0]["normalization"];
    // 協(xié)(xié)(tóng): every annotation stacked after the character goes; the line that
    // starts with (fā) has no character to annotate and stays as text.
    assert_eq!(n["pinyin_annotations"], 3, "{n}");
    assert_eq!(summary["documents"][0]["sentences"], 2, "{summary}");
}

#[test]
fn output_into_an_unwritable_directory_fails_and_writes_nothing() {
    // /sys takes no new files, even from root.
    jjj()
        .args(["export", "--format", "json", "-o", "/sys/jjj-test.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "jjj: cannot write /sys/jjj-test.json: cannot create a file in /sys: Permission denied",
        ));
    assert!(!Path::new("/sys/jjj-test.json").exists());
}

#[test]
fn output_to_a_full_device_fails_and_keeps_the_device() {
    jjj()
        .args(["export", "--format", "json", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stderr("jjj: cannot write /dev/full: No space left on device (os error 28)\n");
    let meta = std::fs::metadata("/dev/full").expect("/dev/full");
    assert!(!meta.is_file(), "/dev/full is still a device, not a file");
}

//! Bad input and faults: each case asserts the exact message and exit code, and that
//! nothing is half-written (failed, interrupted, full device, closed pipe).

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

/// `build` on a corpus of one document `bytes` succeeds and prints the warning
/// `Warning [CODE] PATH: MESSAGE`.
fn warns(bytes: &[u8], code: &str, message: &str) {
    let dir = one_document(bytes);
    jjj_seeds(dir.path(), &["build"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "Warning [{code}] {}: {message}",
            shown(dir.path())
        )));
}

#[test]
fn an_empty_document_is_a_warning() {
    warns(b"", "empty-document", "the document is empty");
}

#[test]
fn a_document_of_page_furniture_only_is_a_warning() {
    warns(
        "【 第1頁 第2頁 】\n\n分享:\n".as_bytes(),
        "no-text",
        "nothing is left after normalization (33 bytes of page furniture, annotations or blanks)",
    );
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
    let summary = super::json_of(&mut jjj_seeds(dir.path(), &["build", "--json"]));
    assert_eq!(summary["documents"][0]["sentences"], 2, "{summary}");
}

#[test]
fn a_document_of_pinyin_annotations_only_does_not_fail() {
    let dir = one_document("協(xié)(xié)(tóng)\n(fā)(zhǎn)\n".as_bytes());
    let summary = super::json_of(&mut jjj_seeds(dir.path(), &["build", "--json"]));
    let n = &summary["documents"][0]["normalization"];
    // 協(xié)(xié)(tóng): every annotation stacked after the character goes; the line that
    // starts with (fā) has no character to annotate and stays as text.
    assert_eq!(n["pinyin_annotations"], 3, "{n}");
    assert_eq!(summary["documents"][0]["sentences"], 2, "{summary}");
}

#[test]
fn a_50_mb_document_on_one_line_builds_with_capped_evidence() {
    // Seed 002 with its line breaks removed, repeated to 50 MiB: one line, ~300,000
    // sentences, one document (so no parallelism helps).
    let seed = super::root().join("seeds/002_96270f4216e9840f.txt");
    let line = std::fs::read_to_string(&seed).unwrap().replace('\n', "");
    let size = 50 << 20;
    let mut text = line.repeat(size / line.len() + 1);
    let cut = (0..=size)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    text.truncate(cut);
    let dir = one_document(text.as_bytes());
    let export = super::json_of(&mut jjj_seeds(dir.path(), &["export"]));
    let document = &export["documents"][0];
    assert_eq!(export["documents"].as_array().unwrap().len(), 1);
    assert_eq!(document["bytes"], cut);
    let copies = text
        .matches("高质量打造疏解北京非首都功能集中承载地")
        .count();
    assert!(
        document["sentences"].as_u64().unwrap() > 40 * copies as u64,
        "{document}"
    );
    // Lists stay bounded; the counts say what was left out.
    let xiongan = export["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "region/xiongan")
        .unwrap();
    assert_eq!(xiongan["mentions"].as_array().unwrap().len(), 500);
    assert!(xiongan["mentions_omitted"].as_u64().unwrap() > 50_000);
    for edge in export["edges"].as_array().unwrap() {
        let listed = edge["evidence"].as_array().unwrap().len() as u64;
        let omitted = edge["evidence_omitted"].as_u64().unwrap_or(0);
        assert!(listed <= 50, "{edge}");
        assert_eq!(edge["weight"].as_u64().unwrap(), listed + omitted, "{edge}");
    }
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_an_error() {
    // `jjj export | head -c 10`: jjj's writes fail with EPIPE after head exits; that is
    // success, with nothing on stderr.
    let jjj = assert_cmd::cargo::cargo_bin("jjj");
    let dir = tempfile::tempdir().unwrap();
    let out = super::without_jjj_variables(std::process::Command::new("bash"))
        .arg("-c")
        .arg(format!(
            "'{}' export 2>stderr.txt | head -c 10; echo \" ${{PIPESTATUS[0]}}\"; cat stderr.txt",
            jjj.display()
        ))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\n  \"schem 0\n");
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

/// A copy of the catalogue with `edit` applied to one of its files, and the catalogue's path.
fn catalogue_with(file: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let data = super::data_copy();
    let path = data.path().join(file);
    let text = std::fs::read_to_string(&path).expect("catalogue file");
    std::fs::write(&path, edit(text)).expect("write");
    data
}

/// The 1-based number of the last line of `file` equal to `line` (messages point at an
/// entity's `id` line, a relation's `[[relation]]` line).
fn last_line(file: &Path, line: &str) -> usize {
    let text = std::fs::read_to_string(file).expect("catalogue file");
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .map(|(i, _)| i + 1)
        .last()
        .expect("line present")
}

fn refused(data: &Path, message: &str) {
    super::jjj_data(data, &["build"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "jjj: invalid catalogue in {}: {message}\n",
            data.display()
        ));
}

#[test]
fn catalogue_errors_name_the_file_and_line() {
    type Edit = fn(String) -> String;
    // (file, edit, the line the message points at, message with {f} = the file, {line}).
    let cases: [(&str, Edit, &str, &str); 4] = [
        (
            "entities/regions.toml",
            |t| {
                t + "\n[[entity]]\nid = \"region/jingjinji\"\nkind = \"region\"\nname = \"京津冀二\"\n"
            },
            "id = \"region/jingjinji\"",
            "{f}:{line}:1: duplicate id 'region/jingjinji' (also at {f}:6)",
        ),
        (
            "entities/regions.toml",
            |t| {
                t + "\n[[entity]]\nid = \"region/test-x\"\nkind = \"region\"\nname = \"测试区\"\naliases = [\"三地\"]\n"
            },
            "id = \"region/test-x\"",
            "{f}:{line}:1: name '三地' of 'region/test-x' already names 'region/jingjinji' ({f}:6)",
        ),
        (
            "relations.toml",
            |t| {
                t + "\n[[relation]]\nsource = \"region/nowhere\"\ntarget = \"region/tianjin\"\nrelation = \"located_in\"\nreference = \"gb2260\"\n"
            },
            "[[relation]]",
            "{f}:{line}:1: relation names unknown entity 'region/nowhere'",
        ),
        // 河北 inside 雄安新区 inside 河北: one message for the cycle.
        (
            "entities/regions.toml",
            |t| {
                t.replacen(
                    "id = \"region/hebei\"\nkind = \"region\"",
                    "id = \"region/hebei\"\nlocated_in = \"region/xiongan\"\nkind = \"region\"",
                    1,
                )
            },
            "id = \"region/hebei\"",
            "{f}:{line}:1: located_in cycle: region/hebei → region/xiongan → region/hebei",
        ),
    ];
    for (file, edit, anchor, message) in cases {
        let data = catalogue_with(file, edit);
        let path = data.path().join(file);
        let line = last_line(&path, anchor).to_string();
        let message = message
            .replace("{f}", &path.display().to_string())
            .replace("{line}", &line);
        refused(data.path(), &message);
    }
}

#[test]
fn a_missing_catalogue_directory_is_named() {
    jjj()
        .args(["--data", "/nonexistent/jjj-data", "build"])
        .assert()
        .code(2)
        .stderr("jjj: cannot read /nonexistent/jjj-data: No such file or directory (os error 2)\n");
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("out dir")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = if p.is_file() {
                std::fs::read(&p).unwrap()
            } else {
                Vec::new()
            };
            (name, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_report_that_fails_leaves_the_previous_out_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (seeds, out) = (dir.path().join("seeds"), dir.path().join("out"));
    super::copy_dir(&super::root().join("seeds"), &seeds);
    jjj_seeds(&seeds, &["report", "--out"])
        .arg(&out)
        .assert()
        .success();
    let before = snapshot(&out);
    assert!(before.len() > 20, "{} files", before.len());

    // Failing while generating: a corpus with nothing for the views to draw.
    let tiny = one_document("北京。\n".as_bytes());
    jjj_seeds(tiny.path(), &["report", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(snapshot(&out), before, "nothing written");

    // Failing while writing: new input (graph.json would change) but one target is now a
    // directory; every file is staged first, so none is replaced.
    super::append(
        &std::fs::read_dir(&seeds)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
        "\n雄安新区与天津天开高教科创园合作。\n",
    );
    std::fs::remove_file(out.join("graph.html")).unwrap();
    std::fs::create_dir(out.join("graph.html")).unwrap();
    let before = snapshot(&out);
    // The same error alone whether Graphviz draws the views or the built-in layout does
    // (an empty PATH hides `dot`): the fallback is only said after a successful write.
    for path in [std::env::var_os("PATH").unwrap_or_default(), "".into()] {
        jjj_seeds(&seeds, &["report", "--out"])
            .arg(&out)
            .env("PATH", &path)
            .assert()
            .code(2)
            .stderr(format!(
                "jjj: cannot write {}: it is a directory\n",
                out.join("graph.html").display()
            ));
        assert_eq!(
            snapshot(&out),
            before,
            "graph.json not replaced, no temporary files left (PATH={path:?})"
        );
    }
}

#[test]
fn without_dot_the_report_says_once_that_the_built_in_layout_drew_it() {
    let out = tempfile::tempdir().expect("tempdir");
    let assert = jjj()
        .args(["report", "--out"])
        .arg(out.path())
        .env("PATH", "")
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let views = std::fs::read_dir(out.path())
        .expect("out")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "svg"))
        })
        .count();
    assert!(views >= 8, "{views} SVGs");
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!("jjj: Graphviz's `dot` is not installed (Debian/Ubuntu: apt-get install graphviz fonts-noto-cjk); drew {views} views with the built-in layout instead").as_str(),
            &format!("jjj: wrote {} files to {} (199 nodes, 1139 edges, 0 problems; SVG by builtin)", views * 3 + 5, out.path().display()),
        ],
    );
}

#[test]
fn an_interrupted_report_leaves_the_previous_out_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (corpus, out) = (dir.path().join("corpus"), dir.path().join("out"));
    jjj_seeds(&super::root().join("seeds"), &["report", "--out"])
        .arg(&out)
        .assert()
        .success();
    let before = snapshot(&out);
    jjj()
        .args(["generate", "corpus", "--size", "20MB", "--seed", "7", "-o"])
        .arg(&corpus)
        .assert()
        .success();
    // A report of 20 MB takes seconds; Ctrl-C (SIGINT) arrives while it builds.
    let jjj = std::process::Command::new(assert_cmd::cargo::cargo_bin("jjj"));
    let mut report = super::without_jjj_variables(jjj)
        .arg("--seeds")
        .arg(&corpus)
        .args(["report", "--out"])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("jjj starts");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let kill = std::process::Command::new("kill")
        .args(["-INT", &report.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let status = report.wait().expect("jjj ends");
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(snapshot(&out), before, "out/ unchanged, no temporary file");
}

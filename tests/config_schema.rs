//! The JSON Schema of `copydesk.toml` (`copydesk.schema.json` at the repository root): generated
//! from the config types (`copydesk::config::schema`), committed, kept current, and true to the
//! validator on every example config in the repository.
//!
//! After changing the config types: `UPDATE_SCHEMA=1 cargo test --test config_schema` rewrites
//! the committed schema (or `copydesk schema > copydesk.schema.json`).

use std::path::{Path, PathBuf};
use std::process::Command;

use copydesk::config::{Config, schema};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The schema as committed: pretty JSON, one newline at the end.
fn generated() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap();
    text.push('\n');
    text
}

#[test]
fn committed_schema_is_current() {
    let path = root().join("copydesk.schema.json");
    let want = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(&path, &want).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == want,
        "copydesk.schema.json is not the schema of the config types: run \
         `UPDATE_SCHEMA=1 cargo test --test config_schema` and commit it"
    );
    // `copydesk schema` prints the same text.
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk")).arg("schema").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the generated schema is a valid 2020-12 schema")
}

fn to_json(src: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(src).unwrap_or_else(|e| panic!("not TOML: {e}\n{src}"));
    serde_json::to_value(value).unwrap()
}

/// The ```` ```toml ```` blocks of a Markdown file or of Rust doc comments (`///`, `//!`) that are
/// copydesk configs (not front matter or Cargo files).
fn toml_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim_start();
        let line = line
            .strip_prefix("//!")
            .or_else(|| line.strip_prefix("///"))
            .map_or(line, |l| l.strip_prefix(' ').unwrap_or(l));
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks.retain(|b| !b.contains("[package]") && !b.contains("+++"));
    blocks
}

/// `#key = value` lines uncommented: the starter config with every setting set.
fn uncommented(starter: &str) -> String {
    starter
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '"') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Every example config in the repository, by where it comes from.
fn examples() -> Vec<(String, String)> {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let mut found = Vec::new();
    // `copydesk init`'s file, as written and with every setting uncommented.
    found.push(("copydesk init".to_string(), copydesk::cli::STARTER_CONFIG.to_string()));
    found.push(("copydesk init, uncommented".to_string(), uncommented(copydesk::cli::STARTER_CONFIG)));
    // Every copydesk.toml in the repository (editors' fixtures, examples, test data).
    let mut stack = vec![root()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "target" | ".git" | "node_modules") && !name.starts_with('.') {
                    stack.push(path);
                }
            } else if name == "copydesk.toml" {
                let shown = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
                found.push((shown, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    // The config blocks of the README and of the config module's docs.
    for file in ["README.md", "src/config.rs"] {
        for (i, block) in toml_blocks(&read(file)).into_iter().enumerate() {
            found.push((format!("{file}, toml block {}", i + 1), block));
        }
    }
    found
}

#[test]
fn every_example_config_validates_against_the_schema() {
    let validator = validator();
    let examples = examples();
    let names: Vec<&str> = examples.iter().map(|(n, _)| n.as_str()).collect();
    // The ones known today are all found (a block or file renamed away would silently drop out).
    for want in ["copydesk init, uncommented", "editors/test-fixtures/project/copydesk.toml", "README.md, toml block 2"]
    {
        assert!(names.contains(&want), "{want} not among {names:?}");
    }
    assert!(names.iter().filter(|n| n.starts_with("src/config.rs")).count() >= 4, "{names:?}");
    for (name, src) in &examples {
        // An example the validator rejects is a broken example, whatever the schema says.
        Config::from_toml(src, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = to_json(src);
        let errors: Vec<String> =
            validator.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{name} does not validate against the schema:\n{}\n{src}", errors.join("\n"));
    }
}

/// What the validator rejects for its shape (unknown keys, unknown rules, bad severities, values
/// out of range), the schema rejects too, so an editor underlines it as you type.
#[test]
fn schema_rejects_what_the_validator_rejects() {
    let validator = validator();
    for src in [
        "colour = true\n",
        "[files]\nmarkdwn = [\"md\"]\n",
        "[files]\nmarkdown = [\"*.md\"]\n",
        "[rules]\n\"url/malfomred\" = \"off\"\n",
        "[rules]\n\"nope/*\" = \"off\"\n",
        "[rules]\n\"url/malformed\" = \"loud\"\n",
        "[links]\nconcurrency = 0\n",
        "[links]\nretries = 11\n",
        "[links]\ntimeout = \"soon\"\n",
        "[links]\nspeed = 1\n",
        "[links]\nuser_agent = \"Mozilla/5.0 …\"\n",
        "[links]\nuser_agent = \" \"\n",
        "[quotes]\nshort_quote_words = 99\n",
        "[quotes]\nshort_words = 2\n",
        "[figures]\nstyle = \"chicago\"\n",
        "[figures]\npercent = \"pc\"\n",
    ] {
        assert!(Config::from_toml(src, "c").is_err(), "the validator accepts {src:?}");
        assert!(!validator.is_valid(&to_json(src)), "the schema accepts {src:?}");
    }
    // And accepts what the validator accepts at the edges.
    for src in [
        "\"$schema\" = \"./copydesk.schema.json\"\n",
        "#:schema ./copydesk.schema.json\n[links]\ntimeout = 2.5\nmax_retry_wait = \"500ms\"\n",
        "[rules]\n\"quote/*\" = \"off\"\n\"quote/unattributed\" = \"hint\"\n",
        "[files]\nmarkdown = [\".MD\"]\n",
    ] {
        Config::from_toml(src, "c").unwrap_or_else(|e| panic!("{src:?}: {e}"));
        assert!(validator.is_valid(&to_json(src)), "the schema rejects {src:?}");
    }
}

#[test]
fn the_schema_describes_every_key() {
    // Field docs become descriptions: an editor's hover shows them.
    fn walk(v: &serde_json::Value, at: &Path, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
            for (k, p) in props {
                if p.get("description").is_none() {
                    missing.push(at.join(k).display().to_string());
                }
                walk(p, &at.join(k), missing);
            }
        }
        if let Some(defs) = v.get("$defs").and_then(|d| d.as_object()) {
            for (k, d) in defs {
                walk(d, &at.join(k), missing);
            }
        }
    }
    let mut missing = Vec::new();
    walk(&schema(), Path::new("/"), &mut missing);
    assert!(missing.is_empty(), "keys without a description: {missing:?}");
}

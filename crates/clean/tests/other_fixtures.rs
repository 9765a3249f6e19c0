//! Other fixture stories, checked against their gold.json when present
//! (they are written separately; a missing folder is not a failure).

mod gold;

fn check_if_present(name: &str) {
    if !gold::fixture_dir(name).join("gold.json").exists() {
        eprintln!("{name}: no fixture, skipped");
        return;
    }
    let problems = gold::check_folder(name);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn quake_story_matches_gold() {
    check_if_present("quake-story");
}

#[test]
fn merger_story_matches_gold() {
    check_if_present("merger-story");
}

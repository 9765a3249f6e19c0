//! The web UI in a real headless browser (Debian's Chromium, installed by
//! `scripts/setup-browser.sh`): the seed story's pages render with the
//! troop-count conflict, and articles carrying script in every field run
//! nothing. Screenshots are kept in `target/test-artifacts/serve/`.

mod common;

use common::hostile::hostile_records;
use common::server::{enc, Server};
use common::txt_files;
use concord_web::audit::active_content;
use std::path::PathBuf;
use std::process::Command;

struct Browser {
    binary: String,
    profile: PathBuf,
    artifacts: PathBuf,
}

impl Browser {
    fn find() -> Option<Browser> {
        if std::env::var("CONCORD_SKIP_BROWSER").is_ok_and(|v| v == "1") {
            return None;
        }
        let binary = std::env::var("CONCORD_CHROMIUM").unwrap_or_else(|_| "chromium".into());
        let found = Command::new(&binary)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            found,
            "headless Chromium ({binary}) not found: run scripts/setup-browser.sh (or set CONCORD_SKIP_BROWSER=1)"
        );
        let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../test-artifacts/serve");
        std::fs::create_dir_all(&artifacts).expect("artifacts dir");
        let profile = std::env::temp_dir().join(format!("concord-chromium-{}", std::process::id()));
        Some(Browser {
            binary,
            profile,
            artifacts,
        })
    }

    fn run(&self, extra: &[&str], url: &str) -> std::process::Output {
        let _ = std::fs::remove_dir_all(&self.profile);
        Command::new(&self.binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--virtual-time-budget=3000",
            ])
            .arg(format!("--user-data-dir={}", self.profile.display()))
            .args(extra)
            .arg(url)
            .output()
            .expect("chromium runs")
    }

    /// The DOM after the page's scripts ran.
    fn dom(&self, url: &str) -> String {
        let out = self.run(&["--dump-dom"], url);
        assert!(
            out.status.success(),
            "chromium failed on {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screenshot(&self, url: &str, name: &str) {
        let path = self.artifacts.join(name);
        let shot = format!("--screenshot={}", path.display());
        let out = self.run(
            &[&shot, "--window-size=1280,2400", "--hide-scrollbars"],
            url,
        );
        assert!(
            out.status.success(),
            "screenshot of {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            path.metadata().is_ok_and(|m| m.len() > 10_000),
            "empty screenshot {}",
            path.display()
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn story_of(server: &Server, article: &str) -> String {
    let a = server.get_json(&format!("/api/articles/{}", enc(article)));
    a["story"].as_str().expect("story id").to_string()
}

#[test]
fn pages_render_and_hostile_articles_run_nothing() {
    let Some(browser) = Browser::find() else {
        eprintln!("skipping: CONCORD_SKIP_BROWSER=1");
        return;
    };
    let data = std::env::temp_dir().join(format!("concord-serve-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let server = Server::start(&data, &[]);
    let seed = txt_files("seed-story");
    for f in &seed {
        let name = f.file_name().and_then(|n| n.to_str()).expect("name");
        let r = server.post(
            &format!("/api/articles?id={name}"),
            "text/plain",
            &std::fs::read(f).expect("read"),
        );
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let hostile = hostile_records();
    let r = server.post(
        "/api/articles",
        "application/x-ndjson",
        hostile.join("\n").as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let hostile_ids: Vec<String> = r.json()["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str().map(String::from))
        .collect();
    assert_eq!(hostile_ids.len(), 3);

    let seed_story = story_of(&server, "000_68287e15d9fd3f80.txt");
    let bad_story = story_of(&server, &hostile_ids[0]);
    assert_eq!(
        story_of(&server, &hostile_ids[1]),
        bad_story,
        "the hostile articles form one story"
    );

    // The seed story's page: the troop count is a conflict with each value.
    let seed_url = server.url(&format!("/stories/{}", enc(&seed_story)));
    let dom = browser.dom(&seed_url);
    assert!(
        dom.contains("data-js=\"on\""),
        "the browser ran the page's own script"
    );
    let doc = scraper::Html::parse_document(&dom);
    let rows = scraper::Selector::parse("table.claims tr.conflict td.value").expect("selector");
    let disputed: Vec<String> = doc
        .select(&rows)
        .map(|e| e.text().collect::<String>())
        .collect();
    for v in ["10,000", "11,000", "12,000"] {
        assert!(
            disputed.iter().any(|d| d.contains(v)),
            "{v} not in the conflict rows: {disputed:?}"
        );
    }
    browser.screenshot(&seed_url, "story-seed.png");
    browser.screenshot(&server.url("/"), "story-list.png");

    // Every page that shows hostile text, as served and as the browser
    // built it.
    let pages = [
        server.url("/"),
        server.url(&format!("/stories/{}", enc(&bad_story))),
        server.url(&format!("/articles/{}", enc(&hostile_ids[0]))),
        server.url(&format!(
            "/stories/{}/compare?a={}&b={}",
            enc(&bad_story),
            enc(&hostile_ids[0]),
            enc(&hostile_ids[1])
        )),
        server.url(&format!("/search?q={}", enc("Eastport <script>"))),
        server.url(&format!("/?entity={}", enc("<script>alert(1)</script>"))),
    ];
    for (n, url) in pages.iter().enumerate() {
        let path = url
            .split_once(&server.addr.to_string())
            .map_or(url.as_str(), |x| x.1);
        let served = server.get(path);
        assert_eq!(served.status, 200, "{url}");
        let csp = served.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "CSP on {url}: {csp:?}");
        let raw = served.text();
        assert_eq!(
            active_content(&raw),
            Vec::<String>::new(),
            "served HTML of {url}"
        );
        let dom = browser.dom(url);
        assert!(dom.contains("data-js=\"on\""), "scripts ran on {url}");
        assert!(
            !dom.contains("data-xss=\"fired\""),
            "a payload ran on {url}"
        );
        assert_eq!(active_content(&dom), Vec::<String>::new(), "DOM of {url}");
        browser.screenshot(url, &format!("hostile-{n}.png"));
    }
    // The side-by-side reader highlights the passages the copies share.
    let compare = browser.dom(&pages[3]);
    let doc = scraper::Html::parse_document(&compare);
    let shared = scraper::Selector::parse(".compare .column p.shared mark").expect("selector");
    let marked = doc.select(&shared).count();
    assert!(
        marked >= 6,
        "shared passages highlighted in both columns: {marked}"
    );
    // The payloads are shown as text on the hostile story's page.
    let page = server.get(&format!("/stories/{}", enc(&bad_story))).text();
    assert!(page.contains("&lt;script&gt;"), "payload text is displayed");
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}

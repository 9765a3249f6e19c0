//! URLs in messages: the password hidden.

/// `url` with its password replaced by `***`, both as `user:password@`
/// and as a `password=` query parameter.
pub fn redact_url(url: &str) -> String {
    let (scheme, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => ("", url),
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.find(':') {
                Some(colon) => format!("{}:***{host}", &userinfo[..colon]),
                None => authority.to_string(),
            }
        }
        None => authority.to_string(),
    };
    let tail = match tail.find('?') {
        Some(q) => {
            let (path, query) = tail.split_at(q + 1);
            let params: Vec<String> = query
                .split('&')
                .map(|param| match param.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                        format!("{key}=***")
                    }
                    _ => param.to_string(),
                })
                .collect();
            format!("{path}{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_url_hides_passwords() {
        assert_eq!(
            redact_url("postgres://concord:s3cr:et@db.example:5432/concord"),
            "postgres://concord:***@db.example:5432/concord"
        );
        assert_eq!(
            redact_url("postgresql://u@h/db?password=x&sslmode=disable"),
            "postgresql://u@h/db?password=***&sslmode=disable"
        );
        assert_eq!(redact_url("postgres://h:5/db"), "postgres://h:5/db");
        assert_eq!(redact_url("postgres://a:b@h"), "postgres://a:***@h");
    }
}

//! TLS for the PostgreSQL log: libpq's `sslmode` and `sslrootcert` URL
//! parameters on rustls (with ring, so no OpenSSL on the system).
//!
//! tokio-postgres itself knows only `disable`, `prefer` and `require` and
//! rejects `sslrootcert`, so those two parameters are taken out of the URL
//! here and turned into a rustls configuration:
//!
//! | `sslmode` | TLS | certificate checked |
//! |---|---|---|
//! | `disable`, `prefer` (the default) | no | — |
//! | `require` | yes | no; with `sslrootcert`, as `verify-ca` (libpq does the same) |
//! | `verify-ca` | yes | signed by a CA in `sslrootcert` |
//! | `verify-full` | yes | signed by a CA in `sslrootcert` and naming the URL's host |
//!
//! `prefer` stays plain text, as before TLS was supported: libpq's
//! `prefer` would encrypt without checking anyone's certificate, which
//! stops only passive listeners; ask for `require` or better instead.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::path::PathBuf;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// libpq's `sslmode` (without `allow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    Disable,
    #[default]
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// The TLS parameters of a log URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsSettings {
    pub mode: SslMode,
    /// `sslrootcert`: a PEM file of CA certificates.
    pub root_cert: Option<PathBuf>,
}

impl TlsSettings {
    /// Take `sslmode` and `sslrootcert` out of `url`: the settings, and
    /// the URL tokio-postgres is given (`sslmode=require` whenever TLS is
    /// used, since the checks are rustls's).
    pub fn split_url(url: &str) -> Result<(TlsSettings, String), String> {
        let Some((base, query)) = url.split_once('?') else {
            return Ok((TlsSettings::default(), url.to_string()));
        };
        let mut settings = TlsSettings::default();
        let mut kept: Vec<&str> = Vec::new();
        for param in query.split('&') {
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            match key {
                "sslmode" => {
                    let value = percent_decode(value)?;
                    settings.mode = SslMode::parse(&value).ok_or_else(|| {
                        format!(
                            "sslmode={value}: expected disable, prefer, require, verify-ca or verify-full"
                        )
                    })?;
                }
                "sslrootcert" => {
                    settings.root_cert = Some(PathBuf::from(percent_decode(value)?));
                }
                _ => kept.push(param),
            }
        }
        match settings.mode {
            SslMode::Disable => kept.push("sslmode=disable"),
            SslMode::Prefer => {}
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                kept.push("sslmode=require")
            }
        }
        let url = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        Ok((settings, url))
    }

    /// The rustls connector these settings ask for; `None` for plain text.
    pub fn connector(&self) -> Result<Option<MakeRustlsConnect>, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS: {e}"))?;
        let verifier: Arc<dyn ServerCertVerifier> = match (self.mode, &self.root_cert) {
            (SslMode::Disable | SslMode::Prefer, _) => return Ok(None),
            (SslMode::Require, None) => Arc::new(AnyCertificate {
                algorithms: provider.signature_verification_algorithms,
            }),
            (SslMode::VerifyCa | SslMode::VerifyFull, None) => {
                return Err(format!(
                    "sslmode={} needs sslrootcert=FILE (the CA certificates, PEM)",
                    self.mode.name()
                ))
            }
            (mode, Some(path)) => {
                let chain = WebPkiServerVerifier::builder_with_provider(
                    Arc::new(load_roots(path)?),
                    provider.clone(),
                )
                .build()
                .map_err(|e| format!("sslrootcert={}: {e}", path.display()))?;
                if mode == SslMode::VerifyFull {
                    chain
                } else {
                    Arc::new(AnyName { chain })
                }
            }
        };
        let config = builder
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(Some(MakeRustlsConnect::new(config)))
    }

    /// A hint for a failed connection whose cause is the server's
    /// certificate, naming the file it was checked against.
    pub fn explain(&self, error: &(dyn std::error::Error + 'static)) -> Option<String> {
        let cause = rustls_cause(error)?;
        let rustls::Error::InvalidCertificate(problem) = cause else {
            return None;
        };
        let root = self
            .root_cert
            .as_ref()
            .map_or_else(|| "(none)".to_string(), |p| p.display().to_string());
        let what = match problem {
            CertificateError::UnknownIssuer | CertificateError::BadSignature => {
                format!("is not signed by a CA in sslrootcert={root}")
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                "does not name the URL's host (sslmode=verify-full checks it; verify-ca does not)"
                    .to_string()
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "has expired".to_string()
            }
            _ => format!("was refused ({problem:?})"),
        };
        Some(format!(
            "the server's TLS certificate {what} (sslmode={})",
            self.mode.name()
        ))
    }
}

/// The CA certificates in the PEM file at `path`.
fn load_roots(path: &std::path::Path) -> Result<RootCertStore, String> {
    let shown = path.display();
    let pem = std::fs::read(path).map_err(|e| format!("sslrootcert={shown}: {e}"))?;
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| format!("sslrootcert={shown}: {e}"))?;
        roots
            .add(cert)
            .map_err(|e| format!("sslrootcert={shown}: {e}"))?;
    }
    if roots.is_empty() {
        return Err(format!("sslrootcert={shown}: no PEM certificates in it"));
    }
    Ok(roots)
}

/// The rustls error somewhere in `error`'s chain. tokio-rustls wraps it in
/// an `io::Error`, whose `source()` skips the wrapped error itself, so each
/// link is also looked into.
fn rustls_cause<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut link: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = link {
        if let Some(found) = e.downcast_ref::<rustls::Error>() {
            return Some(found);
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if let Some(found) = io.get_ref().and_then(|inner| inner.downcast_ref()) {
                return Some(found);
            }
        }
        link = e.source();
    }
    None
}

/// A URL query value with its `%XX` escapes decoded.
fn percent_decode(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("{value:?}: a bad %-escape"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("{value:?}: not UTF-8 once decoded"))
}

/// `sslmode=require` without a CA: the connection is encrypted but the
/// server is not authenticated (libpq's `require`). The handshake's
/// signatures are still checked, so the key exchange is with whoever
/// holds the certificate's key.
#[derive(Debug)]
struct AnyCertificate {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a trusted CA, the host name is not
/// checked. webpki checks the chain before the name, so a name error
/// means the chain passed.
#[derive(Debug)]
struct AnyName {
    chain: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.chain.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.chain.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_url_takes_out_the_tls_parameters() {
        let (s, url) = TlsSettings::split_url("postgres://u@h/db").unwrap();
        assert_eq!(s, TlsSettings::default());
        assert_eq!(url, "postgres://u@h/db");

        let (s, url) = TlsSettings::split_url(
            "postgres://u@h/db?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca%20x.pem&options=-c%20a%3Db",
        )
        .unwrap();
        assert_eq!(s.mode, SslMode::VerifyFull);
        assert_eq!(s.root_cert, Some(PathBuf::from("/tmp/ca x.pem")));
        assert_eq!(url, "postgres://u@h/db?options=-c%20a%3Db&sslmode=require");

        let (s, url) = TlsSettings::split_url("postgres://h/db?sslmode=disable").unwrap();
        assert_eq!(s.mode, SslMode::Disable);
        assert_eq!(url, "postgres://h/db?sslmode=disable");
        let (s, url) = TlsSettings::split_url("postgres://h/db?sslmode=prefer").unwrap();
        assert_eq!(s.mode, SslMode::Prefer);
        assert_eq!(url, "postgres://h/db");

        let err = TlsSettings::split_url("postgres://h/db?sslmode=allow").unwrap_err();
        assert!(err.contains("verify-full"), "{err}");
        assert!(TlsSettings::split_url("postgres://h/db?sslrootcert=%zz").is_err());
    }

    #[test]
    fn connectors_by_mode() {
        let plain = TlsSettings::default();
        assert!(plain.connector().unwrap().is_none());
        let require = TlsSettings {
            mode: SslMode::Require,
            root_cert: None,
        };
        assert!(require.connector().unwrap().is_some());
        let no_ca = TlsSettings {
            mode: SslMode::VerifyFull,
            root_cert: None,
        };
        let err = no_ca.connector().err().expect("verify-full needs a CA");
        assert!(err.contains("sslrootcert"), "{err}");

        let dir = tempfile::tempdir().unwrap();
        let missing = TlsSettings {
            mode: SslMode::VerifyCa,
            root_cert: Some(dir.path().join("nope.pem")),
        };
        let err = missing.connector().err().expect("missing file");
        assert!(err.contains("nope.pem"), "{err}");
        let empty_file = dir.path().join("empty.pem");
        std::fs::write(&empty_file, "not a certificate\n").unwrap();
        let empty = TlsSettings {
            mode: SslMode::VerifyFull,
            root_cert: Some(empty_file),
        };
        let err = empty.connector().err().expect("no certificates");
        assert!(err.contains("no PEM certificates"), "{err}");
    }

    #[test]
    fn explain_finds_a_certificate_error_inside_an_io_error() {
        let settings = TlsSettings {
            mode: SslMode::VerifyFull,
            root_cert: Some(PathBuf::from("/etc/ca.pem")),
        };
        let io = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
        );
        let hint = settings.explain(&io).expect("a hint");
        assert!(
            hint.contains("not signed by a CA in sslrootcert=/etc/ca.pem"),
            "{hint}"
        );
        let other = std::io::Error::other("refused");
        assert!(settings.explain(&other).is_none());
    }
}

//! The mail worker: sends each notification once, through SMTP (`HUB_SMTP_URL`, with `lettre`), in its recipient's
//! language where the hub has the template (en, fr, es), as plain text and HTML with the practice's link under
//! `HUB_PUBLIC_URL`. Mails are claimed with a lease (so that of several instances exactly one sends each), retried
//! with backoff while the server is down, and given up after the retry window; nothing is lost meanwhile, since the
//! notifications are rows written with the workflow step.

use crate::config::Config;
use crate::error::AppResult;
use crate::service::notifications::{self, DueMail, MailOutcome};
use hub_entity::enums::NotificationEvent;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// Mails claimed per pass.
const BATCH: u64 = 20;

/// Where and how mails are sent.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_base: String,
    pub retry_base: Duration,
    pub retry_window: Duration,
    pub timeout: Duration,
}

impl Mailer {
    /// The configured mailer, or `None` without `HUB_SMTP_URL` (notifications are then recorded, not mailed).
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = &config.smtp_url else { return Ok(None) };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
            .map_err(|error| anyhow::anyhow!("HUB_SMTP_URL is not usable: {error}"))?
            .timeout(Some(config.webhook_timeout))
            .build();
        let from: Mailbox =
            config.mail_from.parse().map_err(|error| anyhow::anyhow!("HUB_MAIL_FROM is not an address: {error}"))?;
        Ok(Some(Mailer {
            transport,
            from,
            public_base: config.public_base(),
            retry_base: config.webhook_retry_base,
            retry_window: config.webhook_retry_window,
            timeout: config.webhook_timeout,
        }))
    }

    fn message(&self, mail: &DueMail, to: Mailbox) -> anyhow::Result<Message> {
        let language = mail.language.as_deref().and_then(|tag| tag.get(..2)).unwrap_or("en");
        let notification = &mail.notification;
        let (subject, lead) = words(language, notification.event);
        let link = format!("{}/{}", self.public_base, mail.path);
        let subject = format!("{subject}: {}", notification.title);
        let mut text = format!("{lead}\n\n{}\n", notification.title);
        if let Some(message) = &notification.message {
            text.push_str(&format!("\n{message}\n"));
        }
        text.push_str(&format!("\n{link}\n"));
        let html = maud::html! {
            p { (lead) }
            p { strong { (notification.title) } }
            @if let Some(message) = &notification.message {
                @for line in message.lines() { p { (line) } }
            }
            p { a href=(link) { (link) } }
        };
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<notification-{}@migration-network-hub>", notification.id)))
            .multipart(MultiPart::alternative_plain_html(text, html.into_string()))?)
    }

    async fn send(&self, mail: &DueMail) -> MailOutcome {
        let Some(address) = &mail.email else { return MailOutcome::NoAddress };
        let Ok(to) = address.parse::<Mailbox>() else { return MailOutcome::NoAddress };
        let message = match self.message(mail, to) {
            Ok(message) => message,
            Err(error) => return MailOutcome::Failed(format!("the mail could not be written: {error}")),
        };
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Ok(Ok(_)) => MailOutcome::Sent,
            Ok(Err(error)) => MailOutcome::Failed(error.to_string()),
            Err(_) => MailOutcome::Failed(format!("no answer within {:?}", self.timeout)),
        }
    }
}

/// Subject and first line of a notification mail, in `language` (English where the hub has no template).
fn words(language: &str, event: NotificationEvent) -> (&'static str, &'static str) {
    use NotificationEvent::*;
    match (language, event) {
        ("fr", Submitted) => ("Soumise pour examen", "Une pratique a été soumise pour examen."),
        ("fr", ChangesRequested) => ("Modifications demandées", "Votre pratique vous est renvoyée pour modifications."),
        ("fr", Published) => ("Publiée", "Votre pratique est publiée dans le Répertoire des pratiques."),
        ("fr", Archived) => ("Archivée", "Votre pratique a été archivée."),
        ("fr", CallClosed) => ("Appel clos", "Un appel à pratiques auquel vous avez répondu est clos."),
        ("es", Submitted) => ("Enviada para revisión", "Se ha enviado una práctica para su revisión."),
        ("es", ChangesRequested) => ("Cambios solicitados", "Su práctica le ha sido devuelta para que la modifique."),
        ("es", Published) => ("Publicada", "Su práctica se ha publicado en el Repositorio de prácticas."),
        ("es", Archived) => ("Archivada", "Su práctica ha sido archivada."),
        ("es", CallClosed) => {
            ("Convocatoria cerrada", "Se ha cerrado una convocatoria de prácticas a la que usted respondió.")
        }
        (_, Submitted) => ("Submitted for review", "A practice was submitted for review."),
        (_, ChangesRequested) => ("Changes requested", "Your practice was sent back to you for changes."),
        (_, Published) => ("Published", "Your practice is published in the Repository of Practices."),
        (_, Archived) => ("Archived", "Your practice was archived."),
        (_, CallClosed) => ("Call closed", "A call for practices you answered has closed."),
    }
}

/// One round: claims the due mails, sends them and records how each went; returns how many were attempted.
pub async fn pass(db: &DatabaseConnection, mailer: &Mailer) -> AppResult<usize> {
    let now = crate::domain::clock::now();
    let lease = chrono::TimeDelta::from_std(mailer.timeout * 2).unwrap_or(chrono::TimeDelta::seconds(30));
    let due = notifications::claim_mail(db, now, now + lease, BATCH).await?;
    for mail in &due {
        let outcome = tracing::Instrument::instrument(
            mailer.send(mail),
            tracing::info_span!(target: crate::telemetry::TARGET, "mail.send", otel.kind = "client",
                notification = mail.notification.id),
        )
        .await;
        if let MailOutcome::Failed(error) = &outcome {
            tracing::info!(notification = mail.notification.id, %error, "notification mail not sent");
        }
        notifications::record_mail(db, &mail.notification, outcome, mailer.retry_base, mailer.retry_window).await?;
    }
    Ok(due.len())
}

/// Sends mails until the process ends: a pass, then a pause when nothing was due.
pub async fn run(db: DatabaseConnection, mailer: Mailer) {
    loop {
        match pass(&db, &mailer).await {
            Ok(0) => tokio::time::sleep(Duration::from_secs(2)).await,
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(error = ?error, "mail pass failed; retrying");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_that_cannot_send_stop_the_start_and_none_records_only() {
        let mut config = Config::defaults().unwrap();
        assert!(Mailer::from_config(&config).unwrap().is_none(), "unset: recorded, not mailed");
        config.smtp_url = Some("smtp://127.0.0.1:2525".parse().unwrap());
        assert!(Mailer::from_config(&config).unwrap().is_some());
        config.mail_from = "not an address".into();
        let error = Mailer::from_config(&config).err().expect("refused");
        assert!(error.to_string().contains("HUB_MAIL_FROM"), "{error}");
        config.mail_from = "Hub <hub@example.org>".into();
        config.smtp_url = Some("ftp://mail.example.org".parse().unwrap());
        let error = Mailer::from_config(&config).err().expect("refused");
        assert!(error.to_string().contains("HUB_SMTP_URL"), "{error}");
    }

    #[test]
    fn every_event_has_its_words_in_each_language_and_english_otherwise() {
        use NotificationEvent::*;
        for event in [Submitted, ChangesRequested, Published, Archived] {
            let english = words("en", event);
            assert_eq!(words("zh", event), english, "English where there is no template");
            for language in ["fr", "es"] {
                assert_ne!(words(language, event), english, "{language} {event:?}");
            }
        }
    }
}

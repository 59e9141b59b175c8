-- What a page says besides its subject (the runbook, the alert's link, a description).
-- The alert's link (Alertmanager generatorURL, PagerDuty links[].href or client_url, the generic
-- shape's link) and its description, as ingestion read them: a page looks them up by incident.
alter table alert_events add column link text;
alter table alert_events add column description text;

-- The facts a page's first attempt looked up, kept with its delivery log row so that a retried send
-- composes the same text (the read model, the directory or the alert may change meanwhile).
alter table notifications add column page_facts jsonb;

#pragma once

#include <QDateTime>
#include <QString>

// One row of tenantdesk.audit_log.
struct CatalogAuditEntry {
    qint64 id = 0;
    QDateTime at; // UTC
    QString actor;
    QString action;
    QString reason;
    QString details; // JSON text
};

#pragma once

#include "browse/BrowseRoute.h"
#include "browse/TenantAccess.h"
#include "pg/PgConnection.h"

// Records in tenantdesk.audit_log that someone opened a tenant's data (action 'tenant.open'),
// with the ticket or reason they typed, on the catalog connection (the actor is its user; the
// role that reads the tenant's data is details.support_role). A write: it passes CatalogGate.
class TenantOpenAudit {
public:
    static constexpr int MaxReasonLength = 500;

    // The reason problem, or empty when acceptable (it may be empty: a reason is optional).
    static QString reasonProblem(const QString& reason);
    // Returns the audit entry's id. via: "tenantdesk" or "tenantctl". Throws PgError.
    static qint64 record(PgConnection& catalog, const TenantAccess& access, const QString& reason, const QString& via);
};

#pragma once

#include "browse/TenantAccess.h"
#include "pg/ConnectionParams.h"

#include <QObject>
#include <QPointer>

#include <optional>

class BrowsePrompts;
class PgSession;
class QWidget;

// Turns what support typed into an open tenant: finds it in the catalog (TenantLocator), asks
// for a ticket or reason, records 'tenant.open' in the audit log with the catalog connection,
// and only then emits tenantOpened() with what a TenantView needs. Nothing is opened when the
// tenant is not found, the prompt is cancelled, or the audit entry cannot be written (fail
// closed: no data without a record). All catalog work runs on a PgSession of its own.
class TenantOpener : public QObject {
    Q_OBJECT
public:
    TenantOpener(BrowsePrompts* prompts, QWidget* dialogParent, QObject* parent = nullptr);
    ~TenantOpener() override;

    // The catalog to look tenants up in and audit to, as the user connected to it.
    void setCatalog(const ConnectionParams& catalogParams);
    const ConnectionParams& catalog() const { return m_catalog; }
    // Overrides every endpoint's max_lag_seconds for replica routing (nullopt: the catalog's).
    void setMaxLagSeconds(std::optional<double> seconds) { m_maxLag = seconds; }

    void open(const QString& text);

signals:
    void tenantOpened(const TenantAccess& access);
    void failed(const QString& text, const QString& message);
    void busyChanged(bool busy);

private:
    void record(TenantAccess access, const QString& ticket);

    BrowsePrompts* m_prompts;
    QPointer<QWidget> m_dialogParent;
    PgSession* m_session = nullptr;
    ConnectionParams m_catalog;
    std::optional<double> m_maxLag;
};

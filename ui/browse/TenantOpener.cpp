#include "ui/browse/TenantOpener.h"

#include "browse/TenantOpenAudit.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "pg/PgSession.h"
#include "ui/browse/BrowsePrompts.h"

#include <QWidget>

TenantOpener::TenantOpener(BrowsePrompts* prompts, QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_prompts(prompts)
    , m_dialogParent(dialogParent)
{
}

TenantOpener::~TenantOpener() = default;

void TenantOpener::setCatalog(const ConnectionParams& catalogParams)
{
    m_catalog = catalogParams.withSafeDefaults();
    delete m_session;
    m_session = new PgSession(this);
    connect(m_session, &PgSession::busyChanged, this, &TenantOpener::busyChanged);
}

void TenantOpener::open(const QString& text)
{
    if (!m_session) {
        emit failed(text, tr("Connect to a catalog first."));
        return;
    }
    m_session->run<TenantAccess>(
        [params = m_catalog, text, maxLag = m_maxLag](PgConnection& c) {
            if (!c.isOpen())
                c.open(params);
            // The fleet's support role, as the catalog names it.
            return TenantAccess{TenantLocator::locate(c, text),
                                TenantAccess::supportParamsFrom(params, FleetRoles::load(c).support), maxLag};
        },
        this,
        [this, text](Outcome<TenantAccess> r) {
            if (!r.ok()) {
                emit failed(text, r.error->text());
                return;
            }
            const TenantAccess access = *r.value;
            m_prompts->askTicket(m_dialogParent, access.target,
                                 [this, guard = QPointer<TenantOpener>(this), access](const QString& ticket) {
                                     if (guard)
                                         record(access, ticket);
                                 });
        });
}

void TenantOpener::record(TenantAccess access, const QString& ticket)
{
    if (const QString problem = TenantOpenAudit::reasonProblem(ticket); !problem.isEmpty()) {
        emit failed(access.target.tenant.slug, problem);
        return;
    }
    m_session->run<qint64>(
        [access, ticket](PgConnection& c) {
            return TenantOpenAudit::record(c, access, ticket, QStringLiteral("tenantdesk"));
        },
        this,
        [this, access](Outcome<qint64> r) {
            if (!r.ok()) {
                emit failed(
                    access.target.tenant.slug,
                    tr("The tenant was not opened: its audit entry could not be written.\n%1").arg(r.error->text()));
                return;
            }
            emit tenantOpened(access);
        });
}

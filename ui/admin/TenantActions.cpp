#include "ui/admin/TenantActions.h"

#include "catalog/CatalogClient.h"
#include "lifecycle/TenantLifecycle.h"
#include "pg/PgSession.h"
#include "provision/ShardConnections.h"
#include "ui/admin/TenantActionsPrompts.h"
#include "ui/common/UserPrompts.h"

#include <QAction>
#include <QPointer>
#include <QWidget>

TenantActions::TenantActions(UserPrompts& prompts, TenantActionsPrompts& actionPrompts, QWidget* parent)
    : QObject(parent)
    , m_prompts(prompts)
    , m_actionPrompts(&actionPrompts)
    , m_window(parent)
    , m_suspend(new QAction(tr("&Suspend…"), this))
    , m_resume(new QAction(tr("&Resume"), this))
    , m_edit(new QAction(tr("&Edit name and domains…"), this))
    , m_archive(new QAction(tr("&Archive…"), this))
    , m_delete(new QAction(tr("&Delete…"), this))
{
    m_suspend->setObjectName(QStringLiteral("tenantSuspendAction"));
    m_resume->setObjectName(QStringLiteral("tenantResumeAction"));
    m_edit->setObjectName(QStringLiteral("tenantEditAction"));
    m_archive->setObjectName(QStringLiteral("tenantArchiveAction"));
    m_delete->setObjectName(QStringLiteral("tenantDeleteAction"));
    m_actions = {m_suspend, m_resume, m_edit, m_archive, m_delete};
    connect(m_suspend, &QAction::triggered, this, &TenantActions::suspend);
    connect(m_resume, &QAction::triggered, this, &TenantActions::resume);
    connect(m_edit, &QAction::triggered, this, &TenantActions::edit);
    connect(m_archive, &QAction::triggered, this, &TenantActions::archive);
    connect(m_delete, &QAction::triggered, this, &TenantActions::remove);
    updateEnabled();
}

TenantActions::~TenantActions()
{
    delete m_session; // stops its worker before the prompts and actions it reports to go
}

void TenantActions::setCatalog(const ConnectionParams& catalog)
{
    m_catalog = catalog.isEmpty() ? ConnectionParams() : catalog.withSafeDefaults();
    delete m_session;
    m_session = nullptr;
    if (!m_catalog.isEmpty()) {
        m_session = new PgSession;
        connect(m_session, &PgSession::busyChanged, this, &TenantActions::updateEnabled);
        m_session->open(m_catalog, this, {});
    }
    updateEnabled();
}

void TenantActions::setTenant(qint64 id, const QString& slug, TenantState state)
{
    m_id = id;
    m_slug = slug;
    m_state = state;
    updateEnabled();
}

void TenantActions::clearTenant()
{
    setTenant(0, {}, TenantState::Active);
}

bool TenantActions::isBusy() const
{
    return m_session && m_session->isBusy();
}

void TenantActions::updateEnabled()
{
    const bool ready = m_session && !m_slug.isEmpty() && !m_session->isBusy();
    const bool settled = m_state != TenantState::Provisioning && m_state != TenantState::Deleting;
    m_suspend->setEnabled(ready && m_state == TenantState::Active);
    m_resume->setEnabled(ready && (m_state == TenantState::Suspended || m_state == TenantState::Archived));
    m_edit->setEnabled(ready && settled);
    m_archive->setEnabled(ready && (m_state == TenantState::Active || m_state == TenantState::Suspended));
    m_delete->setEnabled(ready && m_state != TenantState::Provisioning);
}

void TenantActions::runLifecycle(const QString& title, std::function<QString(TenantLifecycle&)> work)
{
    if (!m_session)
        return;
    const ConnectionParams catalog = m_catalog;
    const QString slug = m_slug;
    m_session->run<QString>(
        [catalog, work = std::move(work)](PgConnection& c) {
            ShardConnections shards(catalog, FleetRoles::load(c));
            TenantLifecycle lifecycle(c, shards);
            return work(lifecycle);
        },
        this,
        [this, title, slug](Outcome<QString> result) {
            if (!result.ok()) {
                m_prompts.inform(m_window, title, result.error->text());
                emit failed(result.error->message());
                return;
            }
            if (!result.value->isEmpty())
                m_prompts.inform(m_window, title, *result.value);
            emit tenantChanged(slug);
        });
}

void TenantActions::suspend()
{
    const QString slug = m_slug;
    QPointer<TenantActions> self(this);
    m_prompts.ask(m_window, tr("Suspend %1").arg(slug),
                  tr("The application will no longer reach the tenant %1; support staff can still read it. Resume it "
                     "to let the application in again.")
                      .arg(slug),
                  tr("Suspend"), [self, slug](bool accepted) {
                      if (!self || !accepted)
                          return;
                      self->runLifecycle(tr("Suspend %1").arg(slug), [slug](TenantLifecycle& l) {
                          l.suspend(slug);
                          return QString();
                      });
                  });
}

void TenantActions::resume()
{
    const QString slug = m_slug;
    runLifecycle(tr("Resume %1").arg(slug), [slug](TenantLifecycle& l) {
        l.resume(slug);
        return QString();
    });
}

void TenantActions::edit()
{
    if (!m_session)
        return;
    const qint64 id = m_id;
    const QString slug = m_slug;
    m_session->run<TenantDetails>(
        [id](PgConnection& c) { return CatalogClient::loadTenantDetails(c, id); }, this,
        [this, slug](Outcome<TenantDetails> result) {
            if (!result.ok()) {
                m_prompts.inform(m_window, tr("Edit %1").arg(slug), result.error->text());
                return;
            }
            QStringList routes;
            for (const CatalogDomain& d : result.value->domains)
                routes.append(d.route());
            QPointer<TenantActions> self(this);
            m_actionPrompts->editTenant(
                m_window, slug, result.value->displayName, routes,
                [self, slug, old = *result.value, routes](const QString& name, const QStringList& domains) {
                    if (!self)
                        return;
                    self->runLifecycle(tr("Edit %1").arg(slug), [slug, name, domains, old, routes](TenantLifecycle& l) {
                        if (name != old.displayName)
                            l.rename(slug, name);
                        if (domains != routes)
                            l.setDomains(slug, domains);
                        return QString();
                    });
                });
        });
}

void TenantActions::archive()
{
    const QString slug = m_slug;
    QPointer<TenantActions> self(this);
    m_actionPrompts->chooseArchiveTarget(m_window, slug, [self, slug](const QString& path) {
        if (!self || path.isEmpty())
            return;
        self->runLifecycle(tr("Archive %1").arg(slug), [slug, path](TenantLifecycle& l) {
            // A directory was chosen: the file gets a new name there, and an existing one is kept.
            const TenantArchiver::Result dump = l.archive(slug, path, OutputFile::Existing::Keep);
            return tr("%1 is archived: its data is in %2 (%3 bytes, %4). The application can no longer reach "
                      "it. Restore with: %5")
                .arg(slug, dump.path)
                .arg(dump.bytes)
                .arg(dump.method, dump.restoreCommand);
        });
    });
}

void TenantActions::remove()
{
    const QString slug = m_slug;
    QPointer<TenantActions> self(this);
    m_actionPrompts->confirmDelete(m_window, slug, [self, slug](const QString& typed, qint64 retention) {
        if (!self)
            return;
        self->runLifecycle(tr("Delete %1").arg(slug), [slug, typed, retention](TenantLifecycle& l) {
            l.remove(slug, typed, retention);
            return retention == 0 ? QString()
                                  : tr("%1 is being deleted: the application can no longer reach it, and its "
                                       "data goes in "
                                       "%2 days (a reconcile run purges it).")
                                        .arg(slug)
                                        .arg(double(retention) / 86400, 0, 'f', 0);
        });
    });
}

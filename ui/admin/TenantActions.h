#pragma once

#include "catalog/TenantEnums.h"
#include "pg/ConnectionParams.h"

#include <QList>
#include <QObject>

class PgSession;
class QAction;
class QWidget;
class TenantActionsPrompts;
class UserPrompts;

// Suspend, resume, edit, archive and delete for the tenant selected in the main window, as
// QActions for its context menu and toolbar. Each asks what it must (a confirmation, the slug
// typed again, where the archive goes) through the injected prompts, then runs TenantLifecycle
// on its own PgSession, so the GUI thread never waits; errors are shown as plain text. Actions the
// tenant's state does not allow are disabled.
//
//   m_tenantActions = new TenantActions(m_prompts, m_actionPrompts, this);
//   m_tenantActions->setCatalog(m_catalog->params());               // after opened()
//   m_tenantActions->setTenant(id, slug, state);                     // on selection
//   menu->addActions(m_tenantActions->actions());
//   connect(m_tenantActions, &TenantActions::tenantChanged, m_catalog, &CatalogConnection::refresh);
class TenantActions : public QObject {
    Q_OBJECT
public:
    // parent: the window dialogs are shown over.
    TenantActions(UserPrompts& prompts, TenantActionsPrompts& actionPrompts, QWidget* parent);
    ~TenantActions() override;

    // The catalog to act on; an empty ConnectionParams disables every action.
    void setCatalog(const ConnectionParams& catalog);
    void setTenant(qint64 id, const QString& slug, TenantState state);
    void clearTenant();
    // The tenant the actions act on; empty when none is selected.
    const QString& tenantSlug() const { return m_slug; }

    // The questions the actions ask (tests pass scripted answers); not owned.
    void setActionPrompts(TenantActionsPrompts& actionPrompts) { m_actionPrompts = &actionPrompts; }

    QList<QAction*> actions() const { return m_actions; }
    QAction* suspendAction() const { return m_suspend; }
    QAction* resumeAction() const { return m_resume; }
    QAction* editAction() const { return m_edit; }
    QAction* archiveAction() const { return m_archive; }
    QAction* deleteAction() const { return m_delete; }
    bool isBusy() const;

signals:
    // After an action succeeded: the tenant list is out of date.
    void tenantChanged(const QString& slug);
    // An action failed (already shown to the user): its message.
    void failed(const QString& message);

private:
    void suspend();
    void resume();
    void edit();
    void archive();
    void remove();
    // Runs work (a TenantLifecycle call) on the session, then reports success or failure.
    // work returns what to tell the user afterwards (empty: nothing).
    void runLifecycle(const QString& title, std::function<QString(class TenantLifecycle&)> work);
    void updateEnabled();

    UserPrompts& m_prompts;
    TenantActionsPrompts* m_actionPrompts;
    QWidget* m_window;
    PgSession* m_session = nullptr;
    ConnectionParams m_catalog;
    qint64 m_id = 0;
    QString m_slug;
    TenantState m_state = TenantState::Active;
    QAction* m_suspend;
    QAction* m_resume;
    QAction* m_edit;
    QAction* m_archive;
    QAction* m_delete;
    QList<QAction*> m_actions;
};

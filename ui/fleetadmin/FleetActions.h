#pragma once

#include "pg/ConnectionParams.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class FleetFormDialog;
class PgConnection;
class PgSession;
class QAction;
class QWidget;
class ShardTableModel;
struct ShardInfo;
class UserPrompts;

// The Fleet menu's actions: add, edit, drain, activate and retire a shard; add, edit and remove
// an endpoint; check and prepare a shard; the fleet's role names. They act on the shard and
// endpoint made current by the window's tree or Shards table (setCurrent), through FleetEditor
// on a catalog session of their own, never on the GUI thread. A refused change keeps its dialog
// open with the reason. changed() follows every change made here; the window also sees changes
// made elsewhere through the catalog's fleet generation.
class FleetActions : public QObject {
    Q_OBJECT
public:
    FleetActions(const ShardTableModel* shards, UserPrompts& prompts, QWidget* window);
    ~FleetActions() override;

    // Enables the actions for this catalog; an empty one disables them.
    void setCatalog(const ConnectionParams& catalog);
    // The shard and endpoint the actions act on (0: none).
    void setCurrent(int shardId, int endpointId);

    // Every action, in menu order; nullptr stands for a separator.
    QList<QAction*> menuActions() const;
    // Those for a shard node or row, and those for an endpoint.
    QList<QAction*> shardActions() const;
    QList<QAction*> endpointActions() const;
    QAction* checkShardAction() const { return m_check; }

signals:
    void changed();

private:
    QAction* action(const QString& text, const char* name, void (FleetActions::*slot)());
    void updateEnabled();
    const ShardInfo* current() const;
    QString currentShard() const;
    // Runs job on the session; the dialog closes when it succeeds and shows the reason when not.
    void submit(FleetFormDialog* dialog, std::function<void(PgConnection&)> job);
    // Opens dialog; each time it is submitted, submits the job that jobOfForm makes of its values
    // (read on the GUI thread, then sent to the session).
    void openForm(FleetFormDialog* dialog, std::function<std::function<void(PgConnection&)>()> jobOfForm);
    // Runs job on the session after the user agreed to question; failures are told.
    void confirmed(const QString& title, const QString& question, const QString& accept,
                   std::function<void(PgConnection&)> job);
    // Reads what a form starts from on the session, then opens it with show(value): the catalog's
    // values now (another admin may have changed them), not what the window last loaded. A failure
    // is told under title.
    template <typename T>
    void readThen(const QString& title, std::function<T(PgConnection&)> read, std::function<void(const T&)> show);

    void addShard();
    void editShard();
    void drainShard();
    void activateShard();
    void retireShard();
    void addEndpoint();
    void editEndpoint();
    void removeEndpoint();
    void checkShard();
    void editRoles();

    const ShardTableModel* m_shards;
    UserPrompts& m_prompts;
    QWidget* m_window;
    PgSession* m_session = nullptr;
    ConnectionParams m_catalog;
    int m_shardId = 0;
    int m_endpointId = 0;

    QAction* m_addShard;
    QAction* m_editShard;
    QAction* m_drain;
    QAction* m_activate;
    QAction* m_retire;
    QAction* m_addEndpoint;
    QAction* m_editEndpoint;
    QAction* m_removeEndpoint;
    QAction* m_check;
    QAction* m_roles;
};

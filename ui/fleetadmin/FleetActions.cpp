#include "ui/fleetadmin/FleetActions.h"

#include "catalog/FleetRoles.h"
#include "fleet/ShardTableModel.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetListing.h"
#include "pg/PgSession.h"
#include "ui/common/UserPrompts.h"
#include "ui/fleetadmin/FleetForms.h"
#include "ui/fleetadmin/ShardCheckDialog.h"

#include <QAction>

FleetActions::FleetActions(const ShardTableModel* shards, UserPrompts& prompts, QWidget* window)
    : QObject(window)
    , m_shards(shards)
    , m_prompts(prompts)
    , m_window(window)
    , m_addShard(action(tr("&Add Shard…"), "actionAddShard", &FleetActions::addShard))
    , m_editShard(action(tr("&Edit Shard…"), "actionEditShard", &FleetActions::editShard))
    , m_drain(action(tr("&Drain Shard"), "actionDrainShard", &FleetActions::drainShard))
    , m_activate(action(tr("Acti&vate Shard"), "actionActivateShard", &FleetActions::activateShard))
    , m_retire(action(tr("&Retire Shard…"), "actionRetireShard", &FleetActions::retireShard))
    , m_addEndpoint(action(tr("Add E&ndpoint…"), "actionAddEndpoint", &FleetActions::addEndpoint))
    , m_editEndpoint(action(tr("Edit Endpoin&t…"), "actionEditEndpoint", &FleetActions::editEndpoint))
    , m_removeEndpoint(action(tr("Re&move Endpoint…"), "actionRemoveEndpoint", &FleetActions::removeEndpoint))
    , m_check(action(tr("&Check Shard…"), "actionCheckShard", &FleetActions::checkShard))
    , m_roles(action(tr("Fleet R&oles…"), "actionFleetRoles", &FleetActions::editRoles))
{
    // A shard's state and endpoints change under the actions (here or by another admin).
    connect(m_shards, &QAbstractItemModel::modelReset, this, &FleetActions::updateEnabled);
    updateEnabled();
}

FleetActions::~FleetActions()
{
    delete m_session;
}

QAction* FleetActions::action(const QString& text, const char* name, void (FleetActions::*slot)())
{
    auto* action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void FleetActions::setCatalog(const ConnectionParams& catalog)
{
    delete std::exchange(m_session, nullptr);
    m_catalog = catalog.withSafeDefaults();
    if (!catalog.isEmpty()) {
        m_session = new PgSession;
        m_session->open(m_catalog, this, {});
    }
    updateEnabled();
}

void FleetActions::setCurrent(int shardId, int endpointId)
{
    m_shardId = shardId;
    m_endpointId = endpointId;
    updateEnabled();
}

QList<QAction*> FleetActions::menuActions() const
{
    return {m_addShard,     m_editShard,      m_drain, m_activate, m_retire, nullptr, m_addEndpoint,
            m_editEndpoint, m_removeEndpoint, nullptr, m_check,    nullptr,  m_roles};
}

QList<QAction*> FleetActions::shardActions() const
{
    return {m_editShard, m_drain, m_activate, m_retire, m_addEndpoint, m_check};
}

QList<QAction*> FleetActions::endpointActions() const
{
    return {m_editEndpoint, m_removeEndpoint, m_check};
}

void FleetActions::updateEnabled()
{
    const bool open = m_session != nullptr;
    const ShardInfo* shard = open ? current() : nullptr;
    for (QAction* a : {m_addShard, m_roles})
        a->setEnabled(open);
    for (QAction* a : {m_editShard, m_addEndpoint, m_check})
        a->setEnabled(shard);
    m_drain->setEnabled(shard && shard->state == ShardState::Active);
    m_activate->setEnabled(shard && shard->state == ShardState::Draining);
    m_retire->setEnabled(shard && shard->state != ShardState::Retired);
    for (QAction* a : {m_editEndpoint, m_removeEndpoint})
        a->setEnabled(shard && m_endpointId != 0);
}

const ShardInfo* FleetActions::current() const
{
    for (const ShardInfo& shard : m_shards->shards()) {
        if (shard.id == m_shardId)
            return &shard;
    }
    return nullptr;
}

QString FleetActions::currentShard() const
{
    const ShardInfo* shard = current();
    return shard ? shard->name : QString();
}

void FleetActions::submit(FleetFormDialog* dialog, std::function<void(PgConnection&)> job)
{
    dialog->setBusy(true);
    m_session->run<void>(std::move(job), dialog, [this, dialog](Outcome<void> result) {
        dialog->setBusy(false);
        if (!result.ok()) {
            dialog->showError(result.error->text());
            return;
        }
        dialog->accept();
        emit changed();
    });
}

void FleetActions::confirmed(const QString& title, const QString& question, const QString& accept,
                             std::function<void(PgConnection&)> job)
{
    m_prompts.ask(m_window, title, question, accept, [this, title, job](bool accepted) {
        if (!accepted || !m_session)
            return;
        m_session->run<void>(job, this, [this, title](Outcome<void> result) {
            if (!result.ok())
                m_prompts.inform(m_window, title, result.error->text());
            else
                emit changed();
        });
    });
}

void FleetActions::openForm(FleetFormDialog* dialog, std::function<std::function<void(PgConnection&)>()> jobOfForm)
{
    connect(dialog, &FleetFormDialog::submitted, this, [this, dialog, jobOfForm] { submit(dialog, jobOfForm()); });
    dialog->open();
}

template <typename T>
void FleetActions::readThen(const QString& title, std::function<T(PgConnection&)> read,
                            std::function<void(const T&)> show)
{
    m_session->run<T>(std::move(read), this, [this, title, show](Outcome<T> found) {
        if (!found.ok())
            m_prompts.inform(m_window, title, found.error->text());
        else
            show(*found.value);
    });
}

void FleetActions::addShard()
{
    // The dialog names the fleet's application roles, which a new shard takes unless told otherwise.
    readThen<FleetRoles>(
        tr("Add Shard"), [](PgConnection& c) { return FleetRoles::load(c); },
        [this](const FleetRoles& fleet) {
            auto* dialog = new ShardDialog(tr("Add Shard"), ShardSpec{}, fleet.apps, m_window);
            openForm(dialog, [dialog] {
                const ShardSpec shard = dialog->shard();
                return [shard](PgConnection& c) { FleetEditor(c).addShard(shard); };
            });
        });
}

void FleetActions::editShard()
{
    const QString name = currentShard();
    readThen<std::pair<FleetShard, FleetRoles>>(
        tr("Edit Shard"),
        [name](PgConnection& c) { return std::pair(FleetListing::shard(c, name), FleetRoles::load(c)); },
        [this, name](const std::pair<FleetShard, FleetRoles>& found) {
            auto* dialog = new ShardDialog(tr("Edit Shard %1").arg(name), found.first.spec, found.second.apps,
                                           m_window);
            openForm(dialog, [dialog, name] {
                const ShardSpec shard = dialog->shard();
                return [name, shard](PgConnection& c) { FleetEditor(c).editShard(name, shard); };
            });
        });
}

void FleetActions::drainShard()
{
    const QString name = currentShard();
    confirmed(tr("Drain Shard"), tr("Stop placing new tenants on shard %1? Its tenants stay where they are.").arg(name),
              tr("Drain"), [name](PgConnection& c) { FleetEditor(c).setDraining(name, true); });
}

void FleetActions::activateShard()
{
    const QString name = currentShard();
    confirmed(tr("Activate Shard"), tr("Place new tenants on shard %1 again?").arg(name), tr("Activate"),
              [name](PgConnection& c) { FleetEditor(c).setDraining(name, false); });
}

void FleetActions::retireShard()
{
    const QString name = currentShard();
    confirmed(tr("Retire Shard"), tr("Retire shard %1? This is refused while it holds live tenants.").arg(name),
              tr("Retire"), [name](PgConnection& c) { FleetEditor(c).retire(name); });
}

void FleetActions::addEndpoint()
{
    const QString name = currentShard();
    EndpointSpec proposed;
    if (const ShardInfo* shard = current(); shard && shard->primary())
        proposed.role = QStringLiteral("replica"); // it has its one primary
    auto* dialog = new EndpointDialog(tr("Add Endpoint to %1").arg(name), proposed, m_window);
    openForm(dialog, [dialog, name] {
        const EndpointSpec endpoint = dialog->endpoint();
        return [name, endpoint](PgConnection& c) { FleetEditor(c).addEndpoint(name, endpoint); };
    });
}

void FleetActions::editEndpoint()
{
    const QString name = currentShard();
    const int id = m_endpointId;
    readThen<FleetShard>(
        tr("Edit Endpoint"), [name](PgConnection& c) { return FleetListing::shard(c, name); },
        [this, name, id](const FleetShard& found) {
            const FleetEndpoint* endpoint = nullptr;
            for (const FleetEndpoint& e : found.endpoints) {
                if (e.id == id)
                    endpoint = &e;
            }
            if (!endpoint) {
                m_prompts.inform(m_window, tr("Edit Endpoint"), tr("The endpoint is no longer in the catalog."));
                return;
            }
            auto* dialog = new EndpointDialog(tr("Edit Endpoint of %1").arg(name), endpoint->spec, m_window);
            openForm(dialog, [dialog, name, id] {
                const EndpointSpec spec = dialog->endpoint();
                return [name, id, spec](PgConnection& c) { FleetEditor(c).editEndpoint(name, id, spec); };
            });
        });
}

void FleetActions::removeEndpoint()
{
    const QString name = currentShard();
    const int id = m_endpointId;
    QString label = tr("endpoint %1").arg(id);
    for (const ShardInfo& shard : m_shards->shards()) {
        for (const EndpointInfo& e : shard.endpoints) {
            if (e.id == id)
                label = QStringLiteral("%1 %2:%3").arg(e.roleName(), e.host).arg(e.port);
        }
    }
    confirmed(tr("Remove Endpoint"), tr("Remove %1 from shard %2?").arg(label, name), tr("Remove"),
              [name, id](PgConnection& c) { FleetEditor(c).removeEndpoint(name, id); });
}

void FleetActions::checkShard()
{
    auto* dialog = new ShardCheckDialog(m_catalog, currentShard(), m_prompts, m_window);
    dialog->open();
}

void FleetActions::editRoles()
{
    readThen<FleetRoles>(tr("Fleet Roles"), &FleetRoles::load, [this](const FleetRoles& roles) {
        auto* dialog = new FleetRolesDialog(roles, m_window);
        openForm(dialog, [dialog] {
            const FleetRoles chosen = dialog->roles();
            return [chosen](PgConnection& c) { FleetEditor(c).setRoles(chosen); };
        });
    });
}

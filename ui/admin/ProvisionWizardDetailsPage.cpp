#include "ui/admin/ProvisionWizardDetailsPage.h"

#include "pg/PgSession.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantSpecValidator.h"
#include "provision/TenantTemplates.h"
#include "ui/admin/ProvisionWizard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QStandardItemModel>

namespace {
struct Lists {
    QList<ShardTarget> shards;
    QList<TenantTemplate> templates;
};
} // namespace

ProvisionWizardDetailsPage::ProvisionWizardDetailsPage(QWidget* parent)
    : QWizardPage(parent)
    , m_slug(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_model(new QComboBox(this))
    , m_shard(new QComboBox(this))
    , m_template(new QComboBox(this))
    , m_version(new QComboBox(this))
    , m_domains(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("provisionDetailsPage"));
    setTitle(tr("Tenant"));
    setSubTitle(tr("Who the tenant is, how it is isolated, where it goes and what it is made from."));
    m_slug->setObjectName(QStringLiteral("slugEdit"));
    m_slug->setPlaceholderText(tr("e.g. acme (lower-case letters, digits, '-', '_')"));
    m_name->setObjectName(QStringLiteral("displayNameEdit"));
    m_name->setPlaceholderText(tr("e.g. Acme Corporation"));
    m_model->setObjectName(QStringLiteral("modelBox"));
    m_model->addItem(tr("Schema: its own schema in the shard's tenant database"), int(IsolationModel::Schema));
    m_model->addItem(tr("Database: its own database on the shard"), int(IsolationModel::Database));
    m_model->addItem(tr("Shared tables: rows under row-level security"), int(IsolationModel::Shared));
    m_shard->setObjectName(QStringLiteral("shardBox"));
    m_template->setObjectName(QStringLiteral("templateBox"));
    m_version->setObjectName(QStringLiteral("versionBox"));
    m_domains->setObjectName(QStringLiteral("domainsEdit"));
    m_domains->setPlaceholderText(tr("One per line: acme.example.com, localhost:8443 or portal.example.com/acme"));
    m_domains->setTabChangesFocus(true);
    m_domains->setMaximumHeight(90);
    m_message->setObjectName(QStringLiteral("validationLabel"));
    m_message->setTextFormat(Qt::PlainText); // it may quote what was typed
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b3261e;"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Slug:"), m_slug);
    form->addRow(tr("&Display name:"), m_name);
    form->addRow(tr("&Isolation:"), m_model);
    form->addRow(tr("S&hard:"), m_shard);
    form->addRow(tr("&Template:"), m_template);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("D&omains:"), m_domains);
    form->addRow(m_message);

    connect(m_slug, &QLineEdit::textChanged, this, &ProvisionWizardDetailsPage::validate);
    connect(m_name, &QLineEdit::textChanged, this, &ProvisionWizardDetailsPage::validate);
    connect(m_domains, &QPlainTextEdit::textChanged, this, &ProvisionWizardDetailsPage::validate);
    connect(m_shard, &QComboBox::currentIndexChanged, this, &ProvisionWizardDetailsPage::validate);
    connect(m_version, &QComboBox::currentIndexChanged, this, &ProvisionWizardDetailsPage::validate);
    connect(m_model, &QComboBox::currentIndexChanged, this, &ProvisionWizardDetailsPage::fillTemplates);
    connect(m_template, &QComboBox::currentIndexChanged, this, &ProvisionWizardDetailsPage::fillVersions);
}

void ProvisionWizardDetailsPage::initializePage()
{
    if (!m_loaded && !m_loading)
        load();
    validate();
}

void ProvisionWizardDetailsPage::load()
{
    auto* wizard = static_cast<ProvisionWizard*>(this->wizard());
    m_loading = true;
    m_message->setText(tr("Loading shards and templates…"));
    wizard->session()->run<Lists>(
        [](PgConnection& c) {
            return Lists{ShardDirectory::all(c), TenantTemplates::all(c)};
        },
        this,
        [this](Outcome<Lists> result) {
            m_loading = false;
            if (!result.ok()) {
                m_problem = tr("Cannot read the catalog: %1").arg(result.error->message());
                m_message->setText(m_problem);
                emit completeChanged();
                return;
            }
            m_loaded = true;
            m_templates = result.value->templates;
            fillShards(result.value->shards);
            fillTemplates();
            validate();
        });
}

void ProvisionWizardDetailsPage::fillShards(const QList<ShardTarget>& shards)
{
    m_shard->clear();
    const ShardTarget* best = shards.isEmpty() || !shards.constFirst().acceptsTenants() ? nullptr
                                                                                        : &shards.constFirst();
    m_shard->addItem(best ? tr("Automatic (now: %1, room for %2 more)").arg(best->name).arg(best->headroom())
                          : tr("Automatic (no shard takes tenants)"),
                     QString());
    auto* items = qobject_cast<QStandardItemModel*>(m_shard->model());
    for (const ShardTarget& s : shards) {
        m_shard->addItem(tr("%1 — %2 of %3 tenants%4")
                             .arg(s.name)
                             .arg(s.tenants)
                             .arg(s.capacity)
                             .arg(s.acceptsTenants()
                                      ? QString()
                                      : tr(" (%1)").arg(s.host.isEmpty() ? tr("no primary") : toString(s.state))),
                         s.name);
        if (!s.acceptsTenants() && items)
            items->item(m_shard->count() - 1)->setEnabled(false);
    }
}

// Only the templates that have a version for the model chosen, keeping the choice where it can.
void ProvisionWizardDetailsPage::fillTemplates()
{
    const QString chosen = m_template->currentData().toString();
    const QSignalBlocker quiet(m_template);
    m_template->clear();
    for (const QString& name : TenantTemplates::names(m_templates, IsolationModel(m_model->currentData().toInt())))
        m_template->addItem(name, name);
    m_template->setCurrentIndex(std::max(0, m_template->findData(chosen)));
    fillVersions();
}

void ProvisionWizardDetailsPage::fillVersions()
{
    const QList<int> versions = TenantTemplates::versions(m_templates, m_template->currentData().toString(),
                                                          IsolationModel(m_model->currentData().toInt()));
    m_version->clear();
    if (!versions.isEmpty())
        m_version->addItem(tr("Latest (v%1)").arg(versions.constLast()), 0);
    for (auto it = versions.crbegin(); it != versions.crend(); ++it)
        m_version->addItem(tr("v%1").arg(*it), *it);
    validate();
}

TenantSpec ProvisionWizardDetailsPage::spec() const
{
    TenantSpec s;
    s.slug = m_slug->text();
    s.displayName = m_name->text();
    s.model = IsolationModel(m_model->currentData().toInt());
    s.shard = m_shard->currentData().toString();
    s.templateName = m_template->currentData().toString();
    s.templateVersion = m_version->currentData().toInt();
    s.domains = m_domains->toPlainText().split(u'\n');
    return s;
}

void ProvisionWizardDetailsPage::validate()
{
    if (m_loading)
        return;
    const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(spec());
    m_problem = problems.isEmpty() ? QString() : problems.constFirst().message;
    if (m_loaded && m_template->count() == 0 && m_problem.isEmpty())
        m_problem = tr("The catalog has no template for %1 tenants: add one (Tenants ▸ Templates…) or choose "
                       "another isolation.")
                        .arg(toString(IsolationModel(m_model->currentData().toInt())));
    else if (m_loaded && m_version->count() == 0 && m_problem.isEmpty())
        m_problem = tr("The template has no version for this isolation model: choose another template or model.");
    // An empty form is not an error yet: say what to do instead.
    const bool untouched = m_slug->text().isEmpty() && m_name->text().isEmpty();
    m_message->setText(untouched ? QString() : m_problem);
    emit completeChanged();
}

bool ProvisionWizardDetailsPage::isComplete() const
{
    return m_loaded && m_problem.isEmpty();
}

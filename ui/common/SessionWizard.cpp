#include "ui/common/SessionWizard.h"

#include "pg/PgSession.h"

#include <QAbstractButton>

SessionWizard::SessionWizard(const ConnectionParams& catalog, QWidget* parent)
    : QWizard(parent)
    , m_session(std::make_unique<PgSession>())
{
    setWindowModality(Qt::WindowModal);
    setWizardStyle(QWizard::ClassicStyle);
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNext"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBack"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinish"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancel"));
    m_session->open(catalog.withSafeDefaults(), this, {});
}

SessionWizard::~SessionWizard() = default;

const ConnectionParams& SessionWizard::catalogParams() const
{
    return m_session->params();
}

void SessionWizard::reject()
{
    if (m_session->isBusy())
        m_session->cancel();
    QWizard::reject();
}

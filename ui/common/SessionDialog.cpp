#include "ui/common/SessionDialog.h"

#include "pg/PgSession.h"

SessionDialog::SessionDialog(const ConnectionParams& catalog, QWidget* parent)
    : QDialog(parent)
    , m_session(std::make_unique<PgSession>())
{
    m_session->open(catalog.withSafeDefaults(), this, {});
}

SessionDialog::~SessionDialog() = default;

bool SessionDialog::isRunning() const
{
    return m_session->isBusy();
}

const ConnectionParams& SessionDialog::catalog() const
{
    return m_session->params();
}

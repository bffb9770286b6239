-- $1 customers of the tenant whose tables are first on search_path (a shared-table tenant's rows
-- take their tenant_id from app.tenant_id). Deterministic after setseed().
INSERT INTO customers (name, email, country, created_at)
SELECT first_name || ' ' || last_name,
       lower(translate(first_name || '.' || last_name, ' ''', '')) || '.' || n || '@' || mail_domain,
       country,
       now() - random() * interval '3 years'
FROM (
    SELECT n,
           (ARRAY['Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Ava', 'Elijah', 'Sophia', 'Lucas',
                  'Mia', 'Mateo', 'Isabella', 'Levi', 'Charlotte', 'Hugo', 'Léa', 'Jonas', 'Sofía', 'Marta',
                  'Yuki', 'Hiroshi', 'Priya', 'Arjun', 'Chloé', 'Lars', 'Ingrid', 'Björn', 'Zoë', 'Ahmed',
                  'Fatima', 'Chen', 'Wei', 'Anna', 'Piotr', 'Olga', 'Giulia', 'Marco', 'João', 'Ana'])
               [1 + floor(random() * 40)::int] AS first_name,
           (ARRAY['Smith', 'Johnson', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Kowalski', 'Nakamura', 'Patel',
                  'Silva', 'Jensen', 'Novak', 'O''Brien', 'van Dijk', 'Schmidt', 'Martin', 'Lopez', 'Kim',
                  'Nguyen', 'Andersson', 'Ivanova', 'Costa', 'Fischer', 'Moreau', 'Tanaka', 'Singh', 'Cohen',
                  'Hansen', 'Weber', 'Rodriguez'])
               [1 + floor(random() * 30)::int] AS last_name,
           (ARRAY['US', 'US', 'US', 'US', 'GB', 'GB', 'DE', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'JP',
                  'IN', 'BR', 'CA', 'AU', 'MX'])
               [1 + floor(random() * 20)::int] AS country,
           (ARRAY['example.com', 'example.net', 'example.org', 'mail.test'])[1 + floor(random() * 4)::int] AS mail_domain
    FROM generate_series(1, $1::integer) AS n
) AS c;

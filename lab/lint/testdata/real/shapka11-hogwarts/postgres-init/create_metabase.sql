CREATE USER metabase_user WITH PASSWORD 'metabase_password_secure';
CREATE DATABASE metabase_metadata OWNER metabase_user;
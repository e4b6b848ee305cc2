-- One database per service that owns PostgreSQL state; no service reads another's.
CREATE DATABASE auth;
CREATE DATABASE media;
CREATE DATABASE webhook;

// The role learner statements run as. PGlite is Postgres's single-user backend, whose session
// always starts as the bootstrap superuser, and a superuser writes server files outside any
// transaction (COPY … TO a file, lo_export: PGlite's own data files included). So each run
// switches to this role, which is not a superuser and has no role to become one through, with
// SET SESSION AUTHORIZATION; what is left is the way back (SET SESSION AUTHORIZATION of the
// superuser, which Postgres allows because the session *started* as one), and
// authorization-control.ts refuses every form of it. Also taken away from the role, so the way
// back cannot be written inside code that the gate does not read:
//  - set_config(), which sets any setting, session_authorization included;
//  - USAGE on the languages plpgsql and sql: DO blocks (EXECUTE of built text) and CREATE
//    FUNCTION (whose SET clause, or body, could switch it).
// The role owns the seeded tables (so lessons can CREATE INDEX on them) and may create its own.
export const LEARNER_ROLE = "playground_learner";

/** Run once by the superuser, before the first run; idempotent (a kept data directory has it). */
export const CREATE_LEARNER_ROLE = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LEARNER_ROLE}') THEN
      CREATE ROLE ${LEARNER_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
  END $$;
  GRANT USAGE, CREATE ON SCHEMA public TO ${LEARNER_ROLE};
  REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
  REVOKE USAGE ON LANGUAGE plpgsql, sql FROM PUBLIC;`;

/** Run by the superuser after seeding: the learner owns every table in the public schema. */
export const HAND_TABLES_TO_LEARNER = `
  DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '${LEARNER_ROLE}' LOOP
      EXECUTE format('ALTER TABLE public.%I OWNER TO ${LEARNER_ROLE}', t.tablename);
    END LOOP;
  END $$;`;

/** The run's switch to the learner (inside the run's transaction, after its superuser-only SETs). */
export const BECOME_LEARNER = `SET SESSION AUTHORIZATION ${LEARNER_ROLE}`;

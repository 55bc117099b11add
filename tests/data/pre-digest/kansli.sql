PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES('schema_version','34');
INSERT INTO meta VALUES('log_origin','kansli.local/122a7459627b597d');
INSERT INTO meta VALUES('state_columns','v34;adjuster:meeting_id,member_id;agenda_item:case_id,decision,decision_record_id,id,kind,meeting_id,paragraph,pos,title;agenda_item_record:item_id,record_id;api_token:created_us,expires_us,id,name,revoked_us,token_hash,user_id;app_user:created_us,disabled,full_name,id,language,password_hash,username;approval:approved_us,meeting_id,member_id,minutes_sha256,user_id;attendance:meeting_id,member_id,serving_for,status;blob:hash,size,stored_us;board:code,created_us,id,kind,name,org_id,series_id;board_member:board_id,id,name,party,position,role,term_from,term_to,user_id;case_file:class_id,closed_us,due_date,id,officer_id,officer_name,opened_date,opened_us,org_id,public_title,ready_board_id,record_count,seq,series_id,status,title,unit_id,year;case_link:case_id,created_us,other_id;case_note:author,case_id,created_us,id,text;class:code,id,org_id,title;delegation_decision:board_id,case_id,created_us,decided_by,decided_date,id,org_id,point,record_id,reported_meeting_id,summary;dispatch:created_us,id,item_id,recipient,record_id;disposal_item:class_code,decision,doc_type,due_date,keep_registration,number,outcome,record_id,run_id,title,years;disposal_report_case:case_id,series_id,year;disposal_run:approved_by,approved_us,as_of,cancel_reason,cancelled_by,cancelled_us,executed_by,executed_us,id,org_id,proposed_by,proposed_us,proposed_user,report_record_id,status;document_request:case_id,decided_us,decision,id,legal_ground,org_id,received_us,requested,status;intake_decision:decided_by,decided_us,item_id,outcome,reason,record_id;intake_forward:forwarded_by,forwarded_us,item_id,note,unit_id,user_id;intake_item:arrived_us,content_sha256,eml_sha256,has_personnummer,id,message_id,nfiles,org_id,size,source,taken_by,taken_us;item_ballot:item_id,no_proposal,yes_proposal;item_note:id,item_id,kind,member_id,text;item_proposal:id,item_id,member_id,put_pos,text;item_vote:choice,item_id,member_id;legal_hold:case_id,id,org_id,placed_by,placed_us,reason,release_reason,released_by,released_us;meeting:adjusted_date,adjusted_us,board_id,called_us,case_id,created_us,date,held_us,id,minutes_record_id,minutes_sha256,notice_record_id,org_id,place,status,time;note_proposal:note_id,proposal_id;notice:actor,adjusted_date,appeal_end,board,body,created_us,down_date,file_hash,file_name,id,kind,meeting_date,meeting_id,org_id,posted_date,storage_place,taken_down_reason,taken_down_us,title;notice_file_disposed:note,notice_id;number_counter:last_number,series_id,year;organisation:code,created_us,id,name,orgnr;paragraph_counter:board_id,last_number,year;party:created_us,id,idnum,kind,name,org_id;password_must_change:set_us,user_id;record:case_id,direction,disposed_note,doc_date,doc_type,id,legal_ground,masked_fields,party_address,party_id,party_name,registered_us,secrecy,seq,title,version;record_file:added_us,hash,id,media_type,name,record_id,size,superseded_by,version;record_text:record_id;record_version:actor,changed_us,reason,record_id,snapshot,version;retention_rule:action,class_id,decision,doc_type,id,keep_registration,org_id,updated_us,years;retention_setting:org_id,report_series_id;role_scope:board_id,org_id,role,unit_id,user_id;series:id,mask_persons,name,org_id,prefix;unit:code,id,name,org_id;user_role:org_id,role,user_id;webhook_subscription:active,created_us,events,id,org_id,secret_sha256,since_event,until_event,url,user_id');
CREATE TABLE organisation(
  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  orgnr TEXT, created_us INTEGER NOT NULL);
INSERT INTO organisation VALUES(1,'kommun','Kommunen',NULL,1773014684767264);
CREATE TABLE unit(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  code TEXT NOT NULL, name TEXT NOT NULL, UNIQUE(org_id, code));
CREATE TABLE series(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  prefix TEXT NOT NULL, name TEXT NOT NULL, mask_persons INTEGER NOT NULL DEFAULT 0, UNIQUE(org_id, prefix));
CREATE TABLE class(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  code TEXT NOT NULL, title TEXT NOT NULL, UNIQUE(org_id, code));
CREATE TABLE app_user(
  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL,
  password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_us INTEGER NOT NULL, language TEXT NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'en')));
INSERT INTO app_user VALUES(1,'anna','Anna','$argon2id$v=19$m=65536,t=2,p=1$+9jfjdsRw6uKrRFNO2ASIw$izDyWFHcQNJrhIYVs1I1hSueFom/UrgoCo7k9S4CMXE',0,1773014684879790,'sv');
INSERT INTO app_user VALUES(2,'rita','Rita','$argon2id$v=19$m=65536,t=2,p=1$sYlo7K8W46ddfUI00z8ZBQ$p59kpY1N67aNFL0Vh4PYffNoxxKJtpOqptKSD/SZfQg',0,1773014685059575,'sv');
CREATE TABLE user_role(
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  org_id INTEGER NOT NULL REFERENCES organisation(id),
  role TEXT NOT NULL, PRIMARY KEY(user_id, org_id, role));
INSERT INTO user_role VALUES(1,1,'administrator');
INSERT INTO user_role VALUES(2,1,'registrator');
CREATE TABLE party(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  kind TEXT NOT NULL CHECK(kind IN ('person','organisation')),
  name TEXT NOT NULL, idnum TEXT, created_us INTEGER NOT NULL);
CREATE TABLE number_counter(
  series_id INTEGER NOT NULL REFERENCES series(id), year INTEGER NOT NULL,
  last_number INTEGER NOT NULL, PRIMARY KEY(series_id, year));
CREATE TABLE case_file(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  series_id INTEGER NOT NULL REFERENCES series(id), year INTEGER NOT NULL,
  seq INTEGER NOT NULL, title TEXT NOT NULL, class_id INTEGER REFERENCES class(id),
  unit_id INTEGER REFERENCES unit(id), officer_id INTEGER REFERENCES app_user(id),
  officer_name TEXT, status TEXT NOT NULL DEFAULT 'open'
    CHECK(status IN ('open','decided','closed')),
  due_date TEXT, opened_date TEXT NOT NULL, opened_us INTEGER NOT NULL,
  closed_us INTEGER, record_count INTEGER NOT NULL DEFAULT 0, ready_board_id INTEGER REFERENCES board(id), public_title TEXT,
  UNIQUE(series_id, year, seq));
CREATE TABLE record(
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES case_file(id),
  seq INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1,
  direction TEXT NOT NULL CHECK(direction IN ('in','out','internal')),
  doc_date TEXT NOT NULL, registered_us INTEGER NOT NULL,
  party_id INTEGER REFERENCES party(id), party_name TEXT,
  title TEXT NOT NULL,
  secrecy TEXT NOT NULL DEFAULT 'none' CHECK(secrecy IN ('none','partial','full')),
  legal_ground TEXT, masked_fields TEXT, doc_type TEXT, disposed_note TEXT, party_address TEXT,
  UNIQUE(case_id, seq));
CREATE TABLE record_text(
  record_id INTEGER PRIMARY KEY REFERENCES record(id), body TEXT NOT NULL);
CREATE TABLE record_version(
  record_id INTEGER NOT NULL REFERENCES record(id), version INTEGER NOT NULL,
  snapshot TEXT NOT NULL, changed_us INTEGER NOT NULL, actor TEXT NOT NULL,
  reason TEXT NOT NULL, PRIMARY KEY(record_id, version));
CREATE TABLE blob(
  hash TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_us INTEGER NOT NULL);
CREATE TABLE record_file(
  id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL REFERENCES record(id),
  version INTEGER NOT NULL, name TEXT NOT NULL, media_type TEXT NOT NULL,
  hash TEXT NOT NULL REFERENCES blob(hash), size INTEGER NOT NULL,
  added_us INTEGER NOT NULL, superseded_by INTEGER REFERENCES record_file(id));
CREATE TABLE event(
  id INTEGER PRIMARY KEY, ts_us INTEGER NOT NULL, org_id INTEGER,
  actor TEXT NOT NULL, action TEXT NOT NULL, object_type TEXT NOT NULL,
  object_id INTEGER, data TEXT NOT NULL, salt BLOB NOT NULL, leaf_hash BLOB NOT NULL);
INSERT INTO event VALUES(1,1773014684723723,0,'system:local','installation.create','installation',0,'{"baseline":{"adjuster":[],"agenda_item":[],"agenda_item_record":[],"api_token":[],"app_user":[],"approval":[],"attendance":[],"blob":[],"board":[],"board_member":[],"case_file":[],"case_link":[],"case_note":[],"class":[],"delegation_decision":[],"dispatch":[],"disposal_item":[],"disposal_report_case":[],"disposal_run":[],"document_request":[],"intake_decision":[],"intake_forward":[],"intake_item":[],"item_ballot":[],"item_note":[],"item_proposal":[],"item_vote":[],"legal_hold":[],"meeting":[],"note_proposal":[],"notice":[],"notice_file_disposed":[],"number_counter":[],"organisation":[],"paragraph_counter":[],"party":[],"password_must_change":[],"record":[],"record_file":[],"record_text":[],"record_version":[],"retention_rule":[],"retention_setting":[],"role_scope":[],"series":[],"unit":[],"user_role":[],"webhook_subscription":[]},"origin":"kansli.local/122a7459627b597d","schema":34}',X'92450638b219a17451d00494e4278a65',X'486d95c988e41883e4eefc8153e89ee9095a923bb16f99edddf3527790fd0a0e');
INSERT INTO event VALUES(2,1773014684767319,1,'system:local','organisation.add','organisation',1,'{"code":"kommun","name":"Kommunen","orgnr":null,"state":[["organisation","[1]","{\"code\":\"kommun\",\"created_us\":1773014684767264,\"id\":1,\"name\":\"Kommunen\",\"orgnr\":null}",null]]}',X'e3a41b5c7e9adde9de5509ac86af8517',X'cbe9d85a51c9d163ee59f4077fdceef867cef110c9e8e2c4014813d300bf0b3a');
INSERT INTO event VALUES(3,1773014684879916,0,'system:local','user.add','user',1,'{"full_name":"Anna","password":true,"state":[["app_user","[1]","{\"created_us\":1773014684879790,\"disabled\":0,\"full_name\":\"Anna\",\"id\":1,\"language\":\"sv\",\"password_hash\":\"$argon2id$v=19$m=65536,t=2,p=1$+9jfjdsRw6uKrRFNO2ASIw$izDyWFHcQNJrhIYVs1I1hSueFom/UrgoCo7k9S4CMXE\",\"username\":\"anna\"}",null]],"username":"anna"}',X'04fbe9a0710c8143fb66d1fa3d4e6522',X'06a049fcc27cda3c673a5795c020e0de232587242bb2c827f3aa4153d41cbaa8');
INSERT INTO event VALUES(4,1773014684946621,1,'system:local','user.grant','user',1,'{"role":"administrator","scope":"organisation","state":[["user_role","[1,1,\"administrator\"]","{\"org_id\":1,\"role\":\"administrator\",\"user_id\":1}",null]],"username":"anna"}',X'409efa311d81d13841e1e015bdd867c8',X'd141fcbaf9e37dbcedb2112875297e041849b55d5568865bc28e100bc3c8408b');
INSERT INTO event VALUES(5,1773014685059702,0,'system:local','user.add','user',2,'{"full_name":"Rita","password":true,"state":[["app_user","[2]","{\"created_us\":1773014685059575,\"disabled\":0,\"full_name\":\"Rita\",\"id\":2,\"language\":\"sv\",\"password_hash\":\"$argon2id$v=19$m=65536,t=2,p=1$hXGSIRHGJ245XMueB9nVRg$7iDVjljvgXUueCRsn36nRJsSNhaYZ/Ssmu/QtfdzIi0\",\"username\":\"rita\"}",null]],"username":"rita"}',X'76142af0427305cf9e19b451f44939c1',X'3149ad19e9be17e6c3256976e2c158d27c61150785219cb63a61bee941321159');
INSERT INTO event VALUES(6,1773014685102838,1,'system:local','user.grant','user',2,'{"role":"registrator","scope":"organisation","state":[["user_role","[2,1,\"registrator\"]","{\"org_id\":1,\"role\":\"registrator\",\"user_id\":2}",null]],"username":"rita"}',X'352e6ea8e2916fc9bb6bbf7a5c6c659e',X'b0d796c65aff455518380094b6bc8c21b482c6b2ab29d4d96ef81cc90c7b0065');
INSERT INTO event VALUES(7,1773014685317050,0,'user:rita','user.password_change','user',2,'{"sessions_ended":[],"state":[["app_user","[2]","{\"created_us\":1773014685059575,\"disabled\":0,\"full_name\":\"Rita\",\"id\":2,\"language\":\"sv\",\"password_hash\":\"$argon2id$v=19$m=65536,t=2,p=1$sYlo7K8W46ddfUI00z8ZBQ$p59kpY1N67aNFL0Vh4PYffNoxxKJtpOqptKSD/SZfQg\",\"username\":\"rita\"}","{\"created_us\":1773014685059575,\"disabled\":0,\"full_name\":\"Rita\",\"id\":2,\"language\":\"sv\",\"password_hash\":\"$argon2id$v=19$m=65536,t=2,p=1$hXGSIRHGJ245XMueB9nVRg$7iDVjljvgXUueCRsn36nRJsSNhaYZ/Ssmu/QtfdzIi0\",\"username\":\"rita\"}"]],"tokens_revoked":[],"username":"rita"}',X'baebd7cc82e3f3c4bb347070e4ad6e3a',X'4e67f617ad186c5940230987579a36e4dc33b46e096b6c4e83c2e5e31f4cf3b9');
CREATE TABLE log_state(
  id INTEGER PRIMARY KEY CHECK(id = 1), size INTEGER NOT NULL, frontier BLOB NOT NULL,
  root BLOB NOT NULL, signed_us INTEGER NOT NULL, checkpoint TEXT NOT NULL);
INSERT INTO log_state VALUES(1,7,X'a1eaac8c4a166d298970cf152215d19198e432ce0a9f1cb4646adf995af4443dcf54d3ecd0c8bc35b9eec57158a3f8dc74586bafd6db20d098564264638f065b4e67f617ad186c5940230987579a36e4dc33b46e096b6c4e83c2e5e31f4cf3b9',X'4cea7edd042c87692941a5b00ee31f1b043b1d5c9029ad61dc14bab78f7f9cfa',1773014685318083,replace('kansli.local/122a7459627b597d\n7\nTOp+3QQsh2kpQaWwDuMfGwQ7HVyQKa1h3BS6t49/nPo=\n\n— kansli.local/122a7459627b597d 1SxSsGBiX3Ie3rI03IX/vct1vYkTjyipDl5rdOjALdnT5QshO1SSAWgglUBBDJ0Xdc65yQAvwEK03YPPhQIxdKggqAY=\n','\n',char(10)));
CREATE TABLE tree_head(
  size INTEGER PRIMARY KEY, root BLOB NOT NULL, published_us INTEGER NOT NULL,
  checkpoint TEXT NOT NULL);
CREATE TABLE session(
  id INTEGER PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES app_user(id), csrf TEXT NOT NULL,
  created_us INTEGER NOT NULL, last_seen_us INTEGER NOT NULL, user_agent TEXT,
  address TEXT, ended_us INTEGER);
CREATE TABLE login_failure(
  id INTEGER PRIMARY KEY, username TEXT NOT NULL, ts_us INTEGER NOT NULL, address TEXT NOT NULL DEFAULT '');
CREATE TABLE api_token(
  id INTEGER PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES app_user(id), name TEXT NOT NULL,
  created_us INTEGER NOT NULL, expires_us INTEGER NOT NULL, revoked_us INTEGER);
CREATE TABLE case_note(
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES case_file(id),
  author TEXT NOT NULL, text TEXT NOT NULL, created_us INTEGER NOT NULL);
CREATE TABLE case_link(
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  other_id INTEGER NOT NULL REFERENCES case_file(id),
  created_us INTEGER NOT NULL, PRIMARY KEY(case_id, other_id));
CREATE TABLE index_queue(record_id INTEGER PRIMARY KEY, queued_us INTEGER NOT NULL);
CREATE TABLE file_text(
  hash TEXT PRIMARY KEY, ok INTEGER NOT NULL, text TEXT NOT NULL, extracted_us INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'complete'
  CHECK(status IN ('complete', 'partial', 'failed')));
CREATE TABLE document_request(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  case_id INTEGER NOT NULL REFERENCES case_file(id), requested TEXT,
  received_us INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'new'
    CHECK(status IN ('new','released','released_masked','refused')),
  decided_us INTEGER, legal_ground TEXT, decision TEXT);
CREATE TABLE retention_rule(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  class_id INTEGER NOT NULL REFERENCES class(id), doc_type TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL CHECK(action IN ('keep','dispose')), years INTEGER,
  decision TEXT NOT NULL, keep_registration INTEGER NOT NULL DEFAULT 1,
  updated_us INTEGER NOT NULL, UNIQUE(org_id, class_id, doc_type));
CREATE TABLE legal_hold(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  case_id INTEGER NOT NULL REFERENCES case_file(id), reason TEXT NOT NULL,
  placed_us INTEGER NOT NULL, placed_by TEXT NOT NULL,
  released_us INTEGER, released_by TEXT, release_reason TEXT);
CREATE TABLE disposal_run(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  status TEXT NOT NULL CHECK(status IN ('proposed','approved','executed','cancelled')),
  as_of TEXT NOT NULL, proposed_us INTEGER NOT NULL, proposed_by TEXT NOT NULL,
  proposed_user INTEGER NOT NULL, approved_us INTEGER, approved_by TEXT,
  executed_us INTEGER, executed_by TEXT, report_record_id INTEGER REFERENCES record(id),
  cancelled_us INTEGER, cancelled_by TEXT, cancel_reason TEXT);
CREATE TABLE disposal_item(
  run_id INTEGER NOT NULL REFERENCES disposal_run(id),
  record_id INTEGER NOT NULL REFERENCES record(id), number TEXT NOT NULL,
  title TEXT NOT NULL, class_code TEXT NOT NULL, doc_type TEXT NOT NULL,
  years INTEGER NOT NULL, due_date TEXT NOT NULL, decision TEXT NOT NULL,
  keep_registration INTEGER NOT NULL, outcome TEXT,
  PRIMARY KEY(run_id, record_id));
CREATE TABLE retention_setting(
  org_id INTEGER PRIMARY KEY REFERENCES organisation(id),
  report_series_id INTEGER REFERENCES series(id));
CREATE TABLE disposal_report_case(
  series_id INTEGER NOT NULL REFERENCES series(id), year INTEGER NOT NULL,
  case_id INTEGER NOT NULL REFERENCES case_file(id), PRIMARY KEY(series_id, year));
CREATE TABLE notice(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  kind TEXT NOT NULL CHECK(kind IN ('meeting','minutes','other')),
  board TEXT NOT NULL, title TEXT NOT NULL, body TEXT,
  posted_date TEXT NOT NULL, down_date TEXT NOT NULL CHECK(down_date > posted_date),
  meeting_date TEXT, adjusted_date TEXT, appeal_end TEXT, storage_place TEXT,
  file_hash TEXT REFERENCES blob(hash), file_name TEXT, meeting_id INTEGER,
  taken_down_us INTEGER, taken_down_reason TEXT,
  created_us INTEGER NOT NULL, actor TEXT NOT NULL);
CREATE TABLE board(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  code TEXT NOT NULL, name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('fullmaktige','styrelse','namnd','utskott')),
  series_id INTEGER NOT NULL REFERENCES series(id), created_us INTEGER NOT NULL,
  UNIQUE(org_id, code));
CREATE TABLE board_member(
  id INTEGER PRIMARY KEY, board_id INTEGER NOT NULL REFERENCES board(id),
  name TEXT NOT NULL, party TEXT,
  role TEXT NOT NULL CHECK(role IN ('ledamot','ersattare','sekreterare')),
  position TEXT CHECK(position IN ('ordforande','vice_ordforande')),
  term_from TEXT NOT NULL, term_to TEXT, user_id INTEGER REFERENCES app_user(id));
CREATE TABLE meeting(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  board_id INTEGER NOT NULL REFERENCES board(id), date TEXT NOT NULL, time TEXT NOT NULL,
  place TEXT NOT NULL, case_id INTEGER NOT NULL REFERENCES case_file(id),
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK(status IN ('planned','called','held','adjusted')),
  created_us INTEGER NOT NULL, called_us INTEGER, held_us INTEGER, adjusted_us INTEGER,
  adjusted_date TEXT, minutes_sha256 TEXT, notice_record_id INTEGER REFERENCES record(id),
  minutes_record_id INTEGER REFERENCES record(id));
CREATE TABLE agenda_item(
  id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  pos INTEGER NOT NULL, kind TEXT NOT NULL CHECK(kind IN ('case','standing')),
  title TEXT NOT NULL, case_id INTEGER REFERENCES case_file(id), paragraph INTEGER,
  decision TEXT, decision_record_id INTEGER REFERENCES record(id));
CREATE TABLE agenda_item_record(
  item_id INTEGER NOT NULL REFERENCES agenda_item(id),
  record_id INTEGER NOT NULL REFERENCES record(id), PRIMARY KEY(item_id, record_id));
CREATE TABLE paragraph_counter(
  board_id INTEGER NOT NULL REFERENCES board(id), year INTEGER NOT NULL,
  last_number INTEGER NOT NULL, PRIMARY KEY(board_id, year));
CREATE TABLE attendance(
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  member_id INTEGER NOT NULL REFERENCES board_member(id),
  status TEXT NOT NULL CHECK(status IN ('present','absent')),
  serving_for INTEGER REFERENCES board_member(id), PRIMARY KEY(meeting_id, member_id));
CREATE TABLE adjuster(
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  member_id INTEGER NOT NULL REFERENCES board_member(id), PRIMARY KEY(meeting_id, member_id));
CREATE TABLE item_note(
  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES agenda_item(id),
  member_id INTEGER NOT NULL REFERENCES board_member(id),
  kind TEXT NOT NULL CHECK(kind IN ('reservation','jav')), text TEXT NOT NULL,
  UNIQUE(item_id, member_id, kind));
CREATE TABLE approval(
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  member_id INTEGER NOT NULL REFERENCES board_member(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id), minutes_sha256 TEXT NOT NULL,
  approved_us INTEGER NOT NULL, PRIMARY KEY(meeting_id, member_id));
CREATE TABLE dispatch(
  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES agenda_item(id),
  recipient TEXT NOT NULL, record_id INTEGER NOT NULL REFERENCES record(id),
  created_us INTEGER NOT NULL);
CREATE TABLE delegation_decision(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  board_id INTEGER NOT NULL REFERENCES board(id),
  case_id INTEGER NOT NULL REFERENCES case_file(id), point TEXT NOT NULL,
  decided_by TEXT NOT NULL, decided_date TEXT NOT NULL, summary TEXT NOT NULL,
  record_id INTEGER NOT NULL REFERENCES record(id), created_us INTEGER NOT NULL,
  reported_meeting_id INTEGER REFERENCES meeting(id));
CREATE TABLE role_scope(
  user_id INTEGER NOT NULL, org_id INTEGER NOT NULL, role TEXT NOT NULL,
  unit_id INTEGER REFERENCES unit(id), board_id INTEGER REFERENCES board(id),
  CHECK((unit_id IS NULL) <> (board_id IS NULL)),
  FOREIGN KEY(user_id, org_id, role) REFERENCES user_role(user_id, org_id, role));
CREATE TABLE case_title_shown(
  case_id INTEGER PRIMARY KEY REFERENCES case_file(id), title TEXT NOT NULL, masks TEXT NOT NULL DEFAULT '');
CREATE TABLE record_title_shown(
  record_id INTEGER PRIMARY KEY REFERENCES record(id), title TEXT NOT NULL);
CREATE TABLE webhook_subscription(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  url TEXT NOT NULL, events TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  secret_sha256 TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  since_event INTEGER NOT NULL, until_event INTEGER,
  created_us INTEGER NOT NULL);
CREATE TABLE webhook_delivery(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscription(id),
  event_id INTEGER NOT NULL, type TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  created_us INTEGER NOT NULL, next_us INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, body TEXT, lease_owner TEXT);
CREATE TABLE webhook_event_queue(event_id INTEGER PRIMARY KEY);
CREATE TABLE webhook_attempt(
  id INTEGER PRIMARY KEY, delivery_id INTEGER NOT NULL REFERENCES webhook_delivery(id),
  at_us INTEGER NOT NULL, http_status INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
  error TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS "api_idempotency"(
  caller TEXT NOT NULL, key TEXT NOT NULL, request TEXT NOT NULL,
  created_us INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (caller, key));
CREATE TABLE IF NOT EXISTS "webhook_secret"(
  subscription_id INTEGER PRIMARY KEY REFERENCES webhook_subscription(id), sealed BLOB NOT NULL);
CREATE TABLE notice_file_disposed(
  notice_id INTEGER PRIMARY KEY REFERENCES notice(id), note TEXT NOT NULL);
CREATE TABLE record_body_shown(
  record_id INTEGER PRIMARY KEY REFERENCES record(id), body TEXT NOT NULL);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','record_open_fts','record_open_fts',0,'CREATE VIRTUAL TABLE record_open_fts USING fts5(number, title, case_title, party, class, body, files,
  content=''record_open'', content_rowid=''id'', tokenize=''swedish'', prefix=''3 4 5'')');
CREATE TABLE IF NOT EXISTS 'record_open_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO record_open_fts_data VALUES(1,X'');
INSERT INTO record_open_fts_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'record_open_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'record_open_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'record_open_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO record_open_fts_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','record_secret_fts','record_secret_fts',0,'CREATE VIRTUAL TABLE record_secret_fts USING fts5(number, title, case_title, party, class, body, files,
  content=''record_secret'', content_rowid=''id'', tokenize=''swedish'', prefix=''3 4 5'')');
CREATE TABLE IF NOT EXISTS 'record_secret_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO record_secret_fts_data VALUES(1,X'');
INSERT INTO record_secret_fts_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'record_secret_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'record_secret_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'record_secret_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO record_secret_fts_config VALUES('version',4);
CREATE TABLE password_must_change(
  user_id INTEGER PRIMARY KEY REFERENCES app_user(id), set_us INTEGER NOT NULL);
CREATE TABLE api_token_use(
  token_id INTEGER PRIMARY KEY REFERENCES api_token(id), last_used_us INTEGER NOT NULL,
  user_agent TEXT NOT NULL);
CREATE TABLE intake_item(
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES organisation(id),
  source TEXT NOT NULL CHECK (source IN ('mail', 'api')), message_id TEXT NOT NULL,
  content_sha256 TEXT NOT NULL, eml_sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  arrived_us INTEGER NOT NULL, taken_us INTEGER NOT NULL, taken_by INTEGER NOT NULL,
  has_personnummer INTEGER NOT NULL, nfiles INTEGER NOT NULL);
CREATE TABLE intake_content(
  item_id INTEGER PRIMARY KEY REFERENCES intake_item(id), sender TEXT NOT NULL, subject TEXT NOT NULL,
  sent TEXT NOT NULL, body TEXT NOT NULL, problems TEXT NOT NULL);
CREATE TABLE intake_file(
  item_id INTEGER NOT NULL REFERENCES intake_item(id), seq INTEGER NOT NULL, name TEXT NOT NULL,
  media_type TEXT NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL, preview TEXT NOT NULL,
  PRIMARY KEY (item_id, seq));
CREATE TABLE intake_decision(
  item_id INTEGER PRIMARY KEY REFERENCES intake_item(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('registered', 'rejected')),
  reason TEXT CHECK (reason IN ('not_public', 'little_importance', 'spam')),
  record_id INTEGER REFERENCES record(id), decided_us INTEGER NOT NULL, decided_by INTEGER NOT NULL);
CREATE TABLE intake_forward(
  item_id INTEGER PRIMARY KEY REFERENCES intake_item(id), user_id INTEGER REFERENCES app_user(id),
  unit_id INTEGER REFERENCES unit(id), note TEXT NOT NULL, forwarded_us INTEGER NOT NULL,
  forwarded_by INTEGER NOT NULL);
CREATE TABLE item_proposal(
  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES agenda_item(id),
  member_id INTEGER NOT NULL REFERENCES board_member(id), text TEXT NOT NULL,
  put_pos INTEGER NOT NULL);
CREATE TABLE item_ballot(
  item_id INTEGER PRIMARY KEY REFERENCES agenda_item(id),
  yes_proposal INTEGER NOT NULL REFERENCES item_proposal(id),
  no_proposal INTEGER NOT NULL REFERENCES item_proposal(id));
CREATE TABLE item_vote(
  item_id INTEGER NOT NULL REFERENCES agenda_item(id),
  member_id INTEGER NOT NULL REFERENCES board_member(id),
  choice TEXT NOT NULL CHECK(choice IN ('ja','nej','avstar')), PRIMARY KEY(item_id, member_id));
CREATE TABLE note_proposal(
  note_id INTEGER PRIMARY KEY REFERENCES item_note(id),
  proposal_id INTEGER NOT NULL REFERENCES item_proposal(id));
CREATE UNIQUE INDEX party_idnum ON party(org_id, kind, idnum) WHERE idnum IS NOT NULL;
CREATE INDEX party_name ON party(org_id, name);
CREATE INDEX case_org_status ON case_file(org_id, status, opened_us);
CREATE INDEX case_officer ON case_file(officer_id, status);
CREATE INDEX record_doc_date ON record(doc_date);
CREATE INDEX record_party ON record(party_id);
CREATE INDEX record_file_record ON record_file(record_id);
CREATE INDEX event_object ON event(object_type, object_id);
CREATE INDEX session_user ON session(user_id, ended_us);
CREATE INDEX login_failure_user ON login_failure(username, ts_us);
CREATE INDEX case_org_opened ON case_file(org_id, opened_date, id);
CREATE INDEX case_note_case ON case_note(case_id);
CREATE INDEX document_request_open ON document_request(org_id, status, received_us);
CREATE UNIQUE INDEX legal_hold_active ON legal_hold(case_id) WHERE released_us IS NULL;
CREATE INDEX disposal_item_record ON disposal_item(record_id);
CREATE INDEX notice_board ON notice(org_id, posted_date, down_date);
CREATE INDEX event_export ON event(org_id, id) WHERE action = 'export.sip';
CREATE INDEX event_decide ON event(org_id, ts_us) WHERE action = 'case.decide';
CREATE INDEX board_member_board ON board_member(board_id);
CREATE INDEX meeting_board ON meeting(board_id, date);
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, pos);
CREATE INDEX dispatch_item ON dispatch(item_id);
CREATE INDEX delegation_board ON delegation_decision(board_id, reported_meeting_id, decided_date);
CREATE INDEX case_org_closed ON case_file(org_id, closed_us);
CREATE INDEX login_failure_address ON login_failure(address, ts_us);
CREATE INDEX role_scope_role ON role_scope(user_id, org_id, role);
CREATE UNIQUE INDEX role_scope_unit ON role_scope(user_id, org_id, role, unit_id)
  WHERE unit_id IS NOT NULL;
CREATE UNIQUE INDEX role_scope_board ON role_scope(user_id, org_id, role, board_id)
  WHERE board_id IS NOT NULL;
CREATE INDEX webhook_subscription_org ON webhook_subscription(org_id, active);
CREATE INDEX webhook_delivery_due ON webhook_delivery(status, next_us);
CREATE UNIQUE INDEX webhook_delivery_subscription ON webhook_delivery(subscription_id, event_id);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt(delivery_id, id);
CREATE INDEX api_idempotency_created ON api_idempotency(created_us);
CREATE VIEW record_open AS SELECT r.id AS id,
  s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq AS number,
  CASE WHEN r.secrecy <> 'none' AND (r.secrecy = 'full' OR instr(',' || coalesce(r.masked_fields, '') || ',', ',title,')) THEN ''
    ELSE coalesce((SELECT rt.title FROM record_title_shown rt WHERE rt.record_id = r.id), '') END AS title,
  coalesce((SELECT ct.title FROM case_title_shown ct WHERE ct.case_id = c.id), '') AS case_title,
  CASE WHEN r.secrecy <> 'none' AND (r.secrecy = 'full' OR instr(',' || coalesce(r.masked_fields, '') || ',', ',party,')) THEN '' ELSE coalesce(r.party_name, '') END AS party,
  coalesce(cl.code || ' ' || cl.title, '') AS class,
  CASE WHEN r.secrecy <> 'none' AND (r.secrecy = 'full' OR instr(',' || coalesce(r.masked_fields, '') || ',', ',body,')) THEN ''
    ELSE coalesce((SELECT rb.body FROM record_body_shown rb WHERE rb.record_id = r.id), t.body, '') END AS body,
  CASE WHEN r.secrecy <> 'none' AND (r.secrecy = 'full' OR instr(',' || coalesce(r.masked_fields, '') || ',', ',files,')) THEN '' ELSE coalesce((SELECT group_concat(ft.text, ' ') FROM record_file rf
    JOIN file_text ft ON ft.hash = rf.hash AND ft.ok = 1
    WHERE rf.record_id = r.id AND rf.superseded_by IS NULL), '') END AS files
FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id
  LEFT JOIN class cl ON cl.id = c.class_id LEFT JOIN record_text t ON t.record_id = r.id;
CREATE VIEW record_secret AS SELECT r.id AS id,
  s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq AS number,
  r.title AS title, c.title AS case_title, coalesce(r.party_name, '') AS party,
  coalesce(cl.code || ' ' || cl.title, '') AS class, coalesce(t.body, '') AS body,
  coalesce((SELECT group_concat(ft.text, ' ') FROM record_file rf
    JOIN file_text ft ON ft.hash = rf.hash AND ft.ok = 1
    WHERE rf.record_id = r.id AND rf.superseded_by IS NULL), '') AS files
FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id
  LEFT JOIN class cl ON cl.id = c.class_id LEFT JOIN record_text t ON t.record_id = r.id
WHERE r.secrecy <> 'none'
  OR c.title <> coalesce((SELECT ct.title FROM case_title_shown ct WHERE ct.case_id = c.id), c.title)
  OR r.title <> coalesce((SELECT rt.title FROM record_title_shown rt WHERE rt.record_id = r.id), r.title)
  OR EXISTS (SELECT 1 FROM record_body_shown rb WHERE rb.record_id = r.id);
CREATE UNIQUE INDEX intake_item_message ON intake_item(org_id, message_id, content_sha256);
CREATE UNIQUE INDEX intake_item_api_key ON intake_item(org_id, message_id) WHERE source = 'api';
CREATE INDEX intake_item_arrived ON intake_item(org_id, arrived_us);
CREATE INDEX intake_item_eml ON intake_item(eml_sha256);
CREATE INDEX intake_file_hash ON intake_file(hash);
CREATE INDEX item_proposal_item ON item_proposal(item_id, put_pos);
PRAGMA writable_schema=OFF;
COMMIT;

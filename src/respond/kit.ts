// What drafting needs, loaded together: templates (the seller's folder), the playbook and the policy
// guard rules. The daemon reloads templates when they change; `kit.templates` is then replaced.
import { rulesFile, type Config } from '../config/load.ts';
import { loadGuardRules, type GuardRules } from './guard/index.ts';
import { loadPlaybook, type Playbook } from './playbook.ts';
import { loadTemplates, type Templates } from './templates/index.ts';

export interface ReplyKit {
  templates: Templates;
  playbook: Playbook;
  guard: GuardRules;
}

export function loadReplyKit(config: Config): ReplyKit {
  return {
    templates: loadTemplates(config.templatesDir),
    playbook: loadPlaybook(rulesFile(config, 'playbook')),
    guard: loadGuardRules(rulesFile(config, 'guard')),
  };
}

/** The kit, loaded on first use: importing mail without approval replies never reads the templates. */
export function lazyKit(config: Config): () => ReplyKit {
  let kit: ReplyKit | null = null;
  return () => (kit ??= loadReplyKit(config));
}

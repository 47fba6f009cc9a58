import type { StarterTemplate } from './starterTemplates';

// An inquiry step's question, with a prompt for each stage of the plan → enquire → implement → review cycle.
const inquiry = (question: string, plan: string, enquire: string, implement: string, review: string) => ({
  question: `${question}\n\n- **Plan:** ${plan}\n- **Enquire:** ${enquire}\n- **Implement:** ${implement}\n- **Review:** ${review}`,
  visibility: 'cohort',
});

// Ends each template's last module: the built-in survey about the PL itself (its questions are fixed).
const endSurvey = { kind: 'survey', title: 'Your view of this programme', estimatedMinutes: 5, content: { intro: 'Two quick questions and one optional one. Your answers are private: leads and admins see only totals.' } } as const;

/** Learning from another classroom or school before re-inventing what already works there. */
const learningVisits: StarterTemplate = {
  key: 'learning-visits',
  title: 'Learning visits',
  description:
    'Staff visit a colleague or a partner school (in person or through recorded lessons) to see a practice at work, then adapt it for their own setting.',
  pacing: 'weekly',
  weeklyMinutes: 45,
  workVisibility: 'cohort',
  modules: [
    {
      title: 'Choosing a focus and a host',
      summary: 'Decide what you want to learn and who is already doing it well.',
      pdMinutes: 60,
      unlockRule: 'open',
      steps: [
        { kind: 'read', title: 'Why visit at all?', estimatedMinutes: 10, content: { markdown: 'A visit lets you see a practice in its real setting, with its rough edges. It works best when you arrive with **one question** rather than a wish to "see good teaching".\n\n- Pick a practice your team wants to strengthen.\n- Find a host who has used it for at least a term.\n- Agree what the host is comfortable sharing.' } },
        { kind: 'reflect', title: 'Your visit question', estimatedMinutes: 15, content: { prompt: 'What would you like to see happen in the classroom you visit, and what would tell you it is working?', visibility: 'cohort' } },
        { kind: 'checkpoint', title: 'Agree hosts and dates', estimatedMinutes: 20, content: { mode: 'async', agenda: 'Match visitors to hosts, agree dates, and note what each host has asked visitors to respect.' } },
      ],
    },
    {
      title: 'The visit: look, listen, note',
      summary: 'Observe with a describe-first protocol and capture evidence, not verdicts.',
      pdMinutes: 90,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'read', title: 'Describe before you judge', estimatedMinutes: 10, content: { markdown: 'During the visit write down what people **say and do**. Leave interpretation until afterwards. Ask the host one question about the reasoning behind a choice you saw.' } },
        { kind: 'reflect', title: 'Notes from the visit', estimatedMinutes: 30, content: { prompt: 'What did you see and hear that relates to your question? Keep to evidence; add one thing that surprised you.', visibility: 'private' } },
        { kind: 'checkpoint', title: 'Debrief with your host', estimatedMinutes: 20, content: { mode: 'live', agenda: 'Thank the host, check your notes with them, and ask what they would do differently next time.' } },
      ],
    },
    {
      title: 'Bringing it home',
      summary: 'Adapt what you saw for your own learners and test it.',
      pdMinutes: 120,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'inquiry', title: 'Try it in your classroom', estimatedMinutes: 60, content: inquiry('Which part of the practice will you try, and how will you know it helped?', 'What will you change, with whom, and for how long?', 'What did you notice while trying it? Collect a small piece of evidence.', 'What did you keep, drop or adjust?', 'What would you tell a colleague who wants to try it next?') },
        { kind: 'checkpoint', title: 'Share back with the team', estimatedMinutes: 30, content: { mode: 'async', agenda: 'Each visitor posts what they tried and one piece of evidence; the team records what it agreed to continue.' } },
        endSurvey,
      ],
    },
  ],
};

/** A small team works through a persistent problem: explore, analyse, decide, experiment. */
const problemSolvingTeam: StarterTemplate = {
  key: 'problem-solving-team',
  title: 'Problem-solving team',
  description:
    'A small team takes one persistent problem in the school, separates facts from assumptions, finds likely causes and tests a response.',
  pacing: 'self_paced',
  weeklyMinutes: null,
  workVisibility: 'cohort',
  modules: [
    {
      title: 'Naming the problem',
      summary: 'Describe the problem as it shows up, with facts rather than fears.',
      pdMinutes: 60,
      unlockRule: 'open',
      steps: [
        { kind: 'read', title: 'Facts, beliefs and worries', estimatedMinutes: 10, content: { markdown: 'Teams often jump to solutions. Start by listing what you **know** (observed, counted), what you **believe** and what you **fear**. Only the first list defines the problem.' } },
        { kind: 'reflect', title: 'The problem in your own words', estimatedMinutes: 20, content: { prompt: 'Describe when and where the problem appears, who it affects and what evidence you have.', visibility: 'cohort' } },
        { kind: 'checkpoint', title: 'Agree one problem statement', estimatedMinutes: 30, content: { mode: 'live', agenda: 'Compare descriptions and agree a single statement the team will work on.' } },
      ],
    },
    {
      title: 'Looking for causes',
      summary: 'Ask why, more than once, before choosing what to change.',
      pdMinutes: 60,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'read', title: 'Asking "why" five times', estimatedMinutes: 10, content: { markdown: 'For each symptom, ask why it happens, then ask why again about the answer. Stop when you reach something the team can influence.' } },
        { kind: 'reflect', title: 'Your chain of causes', estimatedMinutes: 20, content: { prompt: 'Write your "why" chain. Which cause is within the team’s reach?', visibility: 'cohort' } },
        { kind: 'checkpoint', title: 'Choose a cause to act on', estimatedMinutes: 30, content: { mode: 'async', agenda: 'Vote on the cause to tackle first and note what readiness or resistance to expect.' } },
      ],
    },
    {
      title: 'Testing a response',
      summary: 'Run a short experiment and learn from what happens.',
      pdMinutes: 120,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'inquiry', title: 'Experiment cycle', estimatedMinutes: 75, content: inquiry('What change will address the cause we chose?', 'Describe the change, who does it and for how long.', 'What happened? Note evidence as you go.', 'What did you adjust while trying it?', 'Did the problem shrink? What will the team do next?') },
        { kind: 'checkpoint', title: 'Review and decide', estimatedMinutes: 30, content: { mode: 'live', agenda: 'Review each member’s evidence; decide to keep, adapt or stop the change.' } },
        endSurvey,
      ],
    },
  ],
};

/** A team looks at pupils’ data and work together and acts on what it finds. */
const collaborativeData: StarterTemplate = {
  key: 'collaborative-use-of-data',
  title: 'Collaborative use of data',
  description:
    'Colleagues bring assessment results and samples of pupils’ work, read them together with a simple protocol and agree a teaching response.',
  pacing: 'weekly',
  weeklyMinutes: 30,
  workVisibility: 'leads_only',
  modules: [
    {
      title: 'Asking a useful question of the data',
      summary: 'Start from a question about learners, not from a spreadsheet.',
      pdMinutes: 45,
      unlockRule: 'open',
      steps: [
        { kind: 'read', title: 'From numbers to questions', estimatedMinutes: 10, content: { markdown: 'Data helps when it answers a question the team already cares about. Choose one group of pupils and one skill, and gather two or three kinds of evidence about it.' } },
        { kind: 'reflect', title: 'Your question', estimatedMinutes: 15, content: { prompt: 'Which learners and which skill will you look at, and what evidence will you bring?', visibility: 'cohort' } },
      ],
    },
    {
      title: 'Looking at evidence together',
      summary: 'Observe, infer, then wonder: a protocol that keeps the talk about learning.',
      pdMinutes: 60,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'read', title: 'Observe, infer, wonder', estimatedMinutes: 10, content: { markdown: '1. **Observe**: say only what the evidence shows.\n2. **Infer**: what might explain it?\n3. **Wonder**: what else would we need to know?\n\nKeep pupils anonymous when you share work samples.' } },
        { kind: 'checkpoint', title: 'Data conversation', estimatedMinutes: 40, content: { mode: 'live', agenda: 'Walk through the evidence with the protocol and record the team’s inferences.' } },
        { kind: 'reflect', title: 'What stood out for you', estimatedMinutes: 15, content: { prompt: 'Which inference do you find most convincing, and why?', visibility: 'private' } },
      ],
    },
    {
      title: 'Acting on what we found',
      summary: 'Plan a teaching response, try it and look at the evidence again.',
      pdMinutes: 90,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'inquiry', title: 'Teaching response cycle', estimatedMinutes: 60, content: inquiry('What will we teach differently for this group?', 'Plan the response and the evidence you will collect.', 'Teach it and gather the evidence.', 'What did you adapt along the way?', 'Compare the new evidence with the first: what moved?') },
        { kind: 'checkpoint', title: 'Second look at the data', estimatedMinutes: 30, content: { mode: 'async', agenda: 'Post the new evidence and agree whether to continue, widen or change the response.' } },
        endSurvey,
      ],
    },
  ],
};

/** A set of four to six colleagues who help each other act on real challenges by questioning. */
const actionLearningSet: StarterTemplate = {
  key: 'action-learning-set',
  title: 'Action-learning set',
  description:
    'Each member brings a real work challenge; the set helps through questions rather than advice, the member commits to an action and reports back.',
  pacing: 'self_paced',
  weeklyMinutes: null,
  workVisibility: 'cohort',
  modules: [
    {
      title: 'How a set works',
      summary: 'Ground rules, confidentiality and choosing your challenge.',
      pdMinutes: 45,
      unlockRule: 'open',
      steps: [
        { kind: 'read', title: 'Questions, not advice', estimatedMinutes: 10, content: { markdown: 'In a set, the presenter owns the challenge. Others ask open questions that help the presenter think; they do not solve it for them. What is said in the set stays in the set.' } },
        { kind: 'reflect', title: 'The challenge you will bring', estimatedMinutes: 20, content: { prompt: 'Describe a current challenge that matters to you and that you can act on in the next few weeks.', visibility: 'private' } },
      ],
    },
    {
      title: 'Presenting and questioning',
      summary: 'Take your turn as presenter, and practise asking questions that open thinking.',
      pdMinutes: 90,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'checkpoint', title: 'Set meeting', estimatedMinutes: 60, content: { mode: 'live', agenda: 'Each presenter has about fifteen minutes: outline the challenge, answer questions, name one action.' } },
        { kind: 'reflect', title: 'A question that helped', estimatedMinutes: 15, content: { prompt: 'Which question shifted your thinking most, and what action did you commit to?', visibility: 'cohort' } },
      ],
    },
    {
      title: 'Action and report-back',
      summary: 'Act, notice what happens, and tell the set.',
      pdMinutes: 90,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'inquiry', title: 'Your action cycle', estimatedMinutes: 45, content: inquiry('What action did you commit to?', 'When and with whom will you act?', 'What happened when you acted?', 'What did you change as you went?', 'What have you learnt about the challenge and about yourself?') },
        { kind: 'checkpoint', title: 'Report back to the set', estimatedMinutes: 30, content: { mode: 'async', agenda: 'Each member posts a short report; the set records themes worth sharing with the wider school.' } },
        endSurvey,
      ],
    },
  ],
};

/** A structured consultancy protocol: a colleague presents a dilemma and peers consult while they listen. */
const peerConsultancy: StarterTemplate = {
  key: 'peer-consultancy',
  title: 'Peer consultancy',
  description:
    'A colleague frames a dilemma about their practice; peers ask clarifying and probing questions, discuss it while the presenter listens, and the presenter revises a plan that peers give feedback on.',
  pacing: 'weekly',
  weeklyMinutes: 40,
  workVisibility: 'cohort',
  modules: [
    {
      title: 'Framing a dilemma',
      summary: 'Turn a worry into a question peers can work on.',
      pdMinutes: 45,
      unlockRule: 'open',
      steps: [
        { kind: 'read', title: 'What makes a good dilemma', estimatedMinutes: 10, content: { markdown: 'A good dilemma is something you are genuinely unsure about, that matters to your pupils and that you have the power to change. Write it as one question, with a little context.' } },
        { kind: 'reflect', title: 'Your dilemma', estimatedMinutes: 20, content: { prompt: 'State your dilemma as a question and give the background peers need.', visibility: 'cohort' } },
      ],
    },
    {
      title: 'The consultancy session',
      summary: 'Present, listen to peers discuss, then respond.',
      pdMinutes: 75,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'read', title: 'The protocol step by step', estimatedMinutes: 10, content: { markdown: '1. Presenter outlines the dilemma (5 min).\n2. Clarifying questions with short factual answers (5 min).\n3. Probing questions that widen thinking (10 min).\n4. Peers discuss while the presenter listens silently (15 min).\n5. Presenter responds: what struck them, what they will try (5 min).' } },
        { kind: 'checkpoint', title: 'Consultancy meeting', estimatedMinutes: 45, content: { mode: 'live', agenda: 'Run the protocol for one or two presenters; record each presenter’s next step.' } },
      ],
    },
    {
      title: 'Revising and sharing your plan',
      summary: 'Revise your plan and ask peers for feedback on it.',
      pdMinutes: 60,
      unlockRule: 'after_previous',
      steps: [
        { kind: 'audition', title: 'Audition your revised plan', estimatedMinutes: 30, content: { auditionId: null, instructions: 'Share the revised plan or resource and ask two peers for feedback on one specific aspect.' } },
        { kind: 'reflect', title: 'What the feedback changed', estimatedMinutes: 15, content: { prompt: 'Which feedback will you act on, and what will you leave aside?', visibility: 'private' } },
        endSurvey,
      ],
    },
  ],
};

/** The five built-in starter templates (the template list sorts them by title). */
export const STARTER_TEMPLATES: readonly StarterTemplate[] = [learningVisits, problemSolvingTeam, collaborativeData, actionLearningSet, peerConsultancy];

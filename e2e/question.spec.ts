import { expect, test } from '@playwright/test';
import { stepTimes } from './steps.ts';

// A teacher and two students (one reading Korean), each in a browser of their own, on the same session link.
test('the teacher asks "What happens next?", two students answer, the teacher sees the count, and Reveal steps and marks the right choice everywhere', async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext({ locale: 'ko-KR' })]);
  try {
    const [teacher, ada, bo] = await Promise.all(contexts.map((context) => context.newPage()));
    await teacher!.goto('/?scenario=tcp-echo');
    // listen(), then accept(): the cursor is on accept(), and the next step is the client's connect().
    await stepTimes(teacher!, 2);
    await expect(teacher!).toHaveURL(/session=/);
    const link = teacher!.url();
    await ada!.goto(link);
    await bo!.goto(link);
    await expect(ada!.getByRole('status', { name: 'Session status' })).toContainText('Step 2 of 11');
    await expect(bo!.getByText('11단계 중 2단계')).toBeVisible();
    // Students answer; they do not ask.
    await expect(ada!.getByRole('button', { name: 'What happens next?' })).toHaveCount(0);

    await teacher!.getByRole('button', { name: 'What happens next?' }).click();
    const adaQuestion = ada!.getByRole('group', { name: 'What happens next?' });
    const boQuestion = bo!.getByRole('group', { name: '다음에 무슨 일이 일어날까요?' });
    await expect(ada!.getByText('Next step: client: connect()')).toBeVisible();
    const adaSyn = adaQuestion.getByRole('button', { name: "The client's kernel sends SYN" });
    await adaSyn.click();
    await expect(adaSyn).toHaveAttribute('aria-pressed', 'true');
    const boNothing = boQuestion.getByRole('button', { name: '아무 일도 없다: 패킷도 오류도 없음' });
    await boNothing.click();
    await expect(boNothing).toHaveAttribute('aria-pressed', 'true');

    // The teacher sees how many answered and the count per choice, live.
    await expect(teacher!.getByText('2 answers')).toBeVisible();
    const choices = teacher!.getByRole('group', { name: 'What happens next?' });
    await expect(choices.getByRole('button', { name: /^The client's kernel sends SYN/ })).toContainText('1');
    await expect(choices.getByRole('button', { name: /^Nothing: no packet, no error/ })).toContainText('1');

    // Reveal: connect() runs, and every screen marks the SYN and reads its sentence at the cursor.
    await teacher!.getByRole('button', { name: 'Reveal' }).click();
    await expect(teacher!.getByRole('status', { name: 'Session status' })).toContainText('Step 3 of 11');
    await expect(adaSyn).toContainText('right · your answer');
    await expect(ada!.getByText('You were right.')).toBeVisible();
    await expect(boQuestion.getByRole('button', { name: /^클라이언트의 커널이 SYN을 보낸다/ })).toContainText('정답');
    await expect(boNothing).toContainText('내 답');
    await expect(bo!.getByText('이번에는 틀렸습니다.')).toBeVisible();
    await expect(ada!.locator('.explanation')).toContainText("The client's kernel sends SYN to open a connection");
    await expect(bo!.locator('.explanation')).toContainText('클라이언트의 커널이 연결을 열려고 SYN을 보냅니다');
    await expect(teacher!.locator('.explanation')).toContainText("The client's kernel sends SYN to open a connection");
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
